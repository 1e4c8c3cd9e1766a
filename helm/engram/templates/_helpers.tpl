{{/* Chart name, truncated to the 63 characters a DNS label allows. */}}
{{- define "engram.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release full name: <release>-<chart> unless the release name already contains the chart name. */}}
{{- define "engram.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of one component's objects: <fullname>-<component>. Argument: dict root, component. */}}
{{- define "engram.componentName" -}}
{{- printf "%s-%s" (include "engram.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "engram.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select the release's pods; never change them on upgrade. */}}
{{- define "engram.selectorLabels" -}}
app.kubernetes.io/name: {{ include "engram.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Standard labels on every object. */}}
{{- define "engram.labels" -}}
helm.sh/chart: {{ include "engram.chart" . }}
{{ include "engram.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: engram
{{- end }}

{{/* Selector labels of one component. Argument: dict root, component. */}}
{{- define "engram.componentSelectorLabels" -}}
{{ include "engram.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Labels of one component's objects. Argument: dict root, component. */}}
{{- define "engram.componentLabels" -}}
{{ include "engram.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "engram.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "engram.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* An image reference: [global.imageRegistry/]repository:tag. Argument: dict root, image. Tag defaults to appVersion. */}}
{{- define "engram.image" -}}
{{- $registry := .root.Values.global.imageRegistry -}}
{{- $tag := .image.tag | default .root.Chart.AppVersion | toString -}}
{{- if $registry }}
{{- printf "%s/%s:%s" (trimSuffix "/" $registry) .image.repository $tag }}
{{- else }}
{{- printf "%s:%s" .image.repository $tag }}
{{- end }}
{{- end }}

{{/* The three apps: values key -> component name. */}}
{{- define "engram.apps" -}}
apiGateway: api-gateway
ingestWorker: ingest-worker
dashboardBackend: dashboard-backend
{{- end }}

{{/* Name of the Secret the apps read: existingSecret, else <fullname>-secrets (chart-created from secrets.values, or yours). */}}
{{- define "engram.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" (include "engram.fullname" .)) }}
{{- end }}

{{/* True when the chart creates the Secret itself (no existingSecret, and at least one value supplied). */}}
{{- define "engram.createSecret" -}}
{{- if and (not .Values.secrets.existingSecret) (gt (len (compact (values .Values.secrets.values))) 0) }}true{{- end }}
{{- end }}

{{/*
Fails the render when the chart would create a Secret without the two keys the apps cannot start without. With neither
existingSecret nor values, the apps reference <fullname>-secrets, which you create (NOTES.txt says so).
*/}}
{{- define "engram.validateSecrets" -}}
{{- if include "engram.createSecret" . }}
{{- range $key := list "databasePassword" "bootstrapApiKey" }}
{{- if not (index $.Values.secrets.values $key) }}
{{- fail (printf "secrets.values.%s is required when the chart creates the Secret (or set secrets.existingSecret)" $key) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* An env entry read from the Secret. Argument: dict root, name, key (a secrets.keys entry), optional. */}}
{{- define "engram.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "engram.secretName" .root }}
      key: {{ index .root.Values.secrets.keys .key }}
      optional: {{ .optional }}
{{- end }}
