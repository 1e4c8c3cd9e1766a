{{/*
The apps' environment, following the platform property contract (docs/configuration.md). Each "engram.env.*" helper
renders a YAML map of non-secret variables; the ConfigMaps hold them and the migration Job (a hook that runs before the
ConfigMaps exist) lists them inline. Secret variables are in "engram.secretEnv.*".
*/}}

{{/* Kafka bootstrap servers: the bundled broker or externalKafka.bootstrapServers. */}}
{{- define "engram.kafka.bootstrapServers" -}}
{{- if .Values.kafka.enabled }}
{{- printf "%s:9092" (include "engram.componentName" (dict "root" . "component" "kafka")) }}
{{- else }}
{{- required "externalKafka.bootstrapServers is required (or enable the bundled kafka)" .Values.externalKafka.bootstrapServers }}
{{- end }}
{{- end }}

{{/* JDBC URL: the bundled PostgreSQL or externalDatabase. */}}
{{- define "engram.database.jdbcUrl" -}}
{{- if .Values.postgresql.enabled }}
{{- printf "jdbc:postgresql://%s:5432/%s" (include "engram.componentName" (dict "root" . "component" "postgresql")) .Values.postgresql.database }}
{{- else if .Values.externalDatabase.jdbcUrl }}
{{- .Values.externalDatabase.jdbcUrl }}
{{- else }}
{{- $host := required "externalDatabase.host (or externalDatabase.jdbcUrl) is required (or enable the bundled postgresql)" .Values.externalDatabase.host }}
{{- printf "jdbc:postgresql://%s:%d/%s" $host (int .Values.externalDatabase.port) .Values.externalDatabase.database }}
{{- end }}
{{- end }}

{{- define "engram.database.username" -}}
{{- if .Values.postgresql.enabled }}{{ .Values.postgresql.username }}{{ else }}{{ .Values.externalDatabase.username }}{{ end }}
{{- end }}

{{/* Storage, index and data dir: what the gateway, the worker and the dashboard share. */}}
{{- define "engram.env.common" -}}
{{- /* The apps listen on loopback unless told: in a pod they must listen on every interface. */}}
ENGRAM_HTTP_HOST: "0.0.0.0"
ENGRAM_MANAGEMENT_PORT: {{ .Values.metrics.managementPort | toString | quote }}
ENGRAM_DATA_DIR: {{ .Values.config.dataDir | quote }}
ENGRAM_STORAGE_KIND: {{ .Values.config.storageKind | quote }}
ENGRAM_INDEX_KIND: {{ .Values.config.indexKind | quote }}
QUARKUS_DATASOURCE_JDBC_URL: {{ include "engram.database.jdbcUrl" . | quote }}
QUARKUS_DATASOURCE_USERNAME: {{ include "engram.database.username" . | quote }}
{{- if .Values.qdrant.enabled }}
ENGRAM_QDRANT_HOST: {{ include "engram.componentName" (dict "root" . "component" "qdrant") | quote }}
ENGRAM_QDRANT_PORT: "6334"
ENGRAM_QDRANT_TLS: "false"
{{- else }}
ENGRAM_QDRANT_HOST: {{ required "externalQdrant.host is required (or enable the bundled qdrant)" .Values.externalQdrant.host | quote }}
ENGRAM_QDRANT_PORT: {{ .Values.externalQdrant.port | toString | quote }}
ENGRAM_QDRANT_TLS: {{ .Values.externalQdrant.tls | toString | quote }}
{{- end }}
ENGRAM_QDRANT_COLLECTION: {{ .Values.config.qdrantCollection | quote }}
{{- end }}

{{/* The LLM that extracts facts: the gateway (synchronous adds) and the workers. */}}
{{- define "engram.env.llm" -}}
{{- with .Values.llm.baseUrl }}
ENGRAM_LLM_BASE_URL: {{ . | quote }}
{{- end }}
{{- with .Values.llm.model }}
ENGRAM_LLM_MODEL: {{ . | quote }}
{{- end }}
{{- with .Values.llm.provider }}
ENGRAM_LLM_PROVIDER: {{ . | quote }}
{{- end }}
{{- range $name, $p := .Values.llm.profiles }}
{{- $prefix := printf "ENGRAM_LLM_PROFILES_%s" ($name | upper) }}
{{ $prefix }}_MODEL: {{ $p.model | quote }}
{{- with $p.provider }}
{{ $prefix }}_PROVIDER: {{ . | quote }}
{{- end }}
{{- with $p.baseUrl }}
{{ $prefix }}_BASE_URL: {{ . | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/* The API key of each named LLM profile, from the release's Secret. */}}
{{- define "engram.secretEnv.llmProfiles" -}}
{{- $root := . }}
{{- range $name, $p := .Values.llm.profiles }}
{{- with $p.apiKeySecretKey }}
- name: {{ printf "ENGRAM_LLM_PROFILES_%s_API_KEY" ($name | upper) }}
  valueFrom:
    secretKeyRef:
      name: {{ include "engram.secretName" $root }}
      key: {{ . }}
      optional: false
{{- end }}
{{- end }}
{{- end }}

{{/* Kafka client settings shared by the gateway (producer) and the workers (consumer). */}}
{{- define "engram.env.kafka" -}}
KAFKA_BOOTSTRAP_SERVERS: {{ include "engram.kafka.bootstrapServers" . | quote }}
ENGRAM_KAFKA_TOPIC: {{ .Values.config.kafkaTopic | quote }}
{{- if not .Values.kafka.enabled }}
{{- range $name, $value := .Values.externalKafka.clientProperties }}
{{ printf "KAFKA_%s" ($name | upper | replace "." "_" | replace "-" "_") }}: {{ $value | toString | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Flyway at start is off when the migration hook Job migrates before the rollout. With the bundled PostgreSQL the Job can
only run after install (the database is part of the release), so the apps keep migrating at start there (Flyway's lock
keeps concurrent starts safe).
*/}}
{{- define "engram.env.flyway" -}}
QUARKUS_FLYWAY_MIGRATE_AT_START: {{ or (not .Values.migration.enabled) .Values.postgresql.enabled | toString | quote }}
{{- end }}

{{- define "engram.env.apiGateway" -}}
{{ include "engram.env.common" . }}
{{ include "engram.env.llm" . }}
{{ include "engram.env.kafka" . }}
{{ include "engram.env.flyway" . }}
ENGRAM_HTTP_PORT: {{ .Values.apiGateway.port | toString | quote }}
ENGRAM_INGEST_KIND: {{ .Values.config.ingestKind | quote }}
QUARKUS_OIDC_TENANT_ENABLED: {{ .Values.oidc.enabled | toString | quote }}
{{- if .Values.oidc.enabled }}
QUARKUS_OIDC_AUTH_SERVER_URL: {{ required "oidc.authServerUrl is required when oidc.enabled" .Values.oidc.authServerUrl | quote }}
QUARKUS_OIDC_CLIENT_ID: {{ .Values.oidc.clientId | quote }}
ENGRAM_OIDC_ORG_CLAIM: {{ .Values.oidc.orgClaim | quote }}
ENGRAM_OIDC_PROJECT_CLAIM: {{ .Values.oidc.projectClaim | quote }}
{{- end }}
{{- end }}

{{- define "engram.env.ingestWorker" -}}
{{ include "engram.env.common" . }}
{{ include "engram.env.llm" . }}
{{ include "engram.env.kafka" . }}
{{ include "engram.env.flyway" . }}
QUARKUS_HTTP_PORT: {{ .Values.ingestWorker.port | toString | quote }}
ENGRAM_KAFKA_DEAD_LETTER_TOPIC: {{ .Values.config.kafkaDeadLetterTopic | quote }}
ENGRAM_KAFKA_GROUP: {{ .Values.config.kafkaGroup | quote }}
{{- end }}

{{- define "engram.env.dashboardBackend" -}}
{{ include "engram.env.common" . }}
{{- /* Kafka: the dashboard consumes the usage topic (engram.usage.v1) into its analytics rollups. */}}
{{ include "engram.env.kafka" . }}
QUARKUS_HTTP_PORT: {{ .Values.dashboardBackend.port | toString | quote }}
{{- /* The memory browser calls the release's gateway (its Service), with the bootstrap admin key (secretEnv). */}}
ENGRAM_DASHBOARD_GATEWAY_URL: {{ printf "http://%s:%v" (include "engram.componentName" (dict "root" . "component" "api-gateway")) .Values.apiGateway.port | quote }}
QUARKUS_OIDC_TENANT_ENABLED: {{ .Values.oidc.enabled | toString | quote }}
{{- if .Values.oidc.enabled }}
QUARKUS_OIDC_AUTH_SERVER_URL: {{ required "oidc.authServerUrl is required when oidc.enabled" .Values.oidc.authServerUrl | quote }}
QUARKUS_OIDC_CLIENT_ID: {{ .Values.oidc.dashboardClientId | quote }}
{{- end }}
{{- if and .Values.ingress.enabled .Values.ingress.dashboard.enabled (not .Values.ingress.dashboard.host) }}
{{- /* Served under a path of the gateway's host: the app moves there, its /q endpoints stay at /q for the probes. */}}
QUARKUS_HTTP_ROOT_PATH: {{ .Values.ingress.dashboard.path | quote }}
QUARKUS_HTTP_NON_APPLICATION_ROOT_PATH: "/q"
{{- end }}
{{- end }}

{{/* The full non-secret environment of one app: contract variables, then config.extraEnv, then <app>.extraEnv. */}}
{{- define "engram.env" -}}
{{- $env := fromYaml (include (printf "engram.env.%s" .app) .root) }}
{{- $env = merge (dict) (index .root.Values .app).extraEnv .root.Values.config.extraEnv $env }}
{{- range $name, $value := $env }}
{{ $name }}: {{ $value | toString | quote }}
{{- end }}
{{- end }}

{{/* Secret variables of one app. Argument: dict root, app. */}}
{{- define "engram.secretEnv.apiGateway" -}}
{{ include "engram.secretEnv" (dict "root" . "name" "QUARKUS_DATASOURCE_PASSWORD" "key" "databasePassword" "optional" false) }}
{{ include "engram.secretEnv" (dict "root" . "name" "ENGRAM_BOOTSTRAP_API_KEY" "key" "bootstrapApiKey" "optional" false) }}
{{ include "engram.secretEnv" (dict "root" . "name" "ENGRAM_QDRANT_API_KEY" "key" "qdrantApiKey" "optional" true) }}
{{ include "engram.secretEnv" (dict "root" . "name" "ENGRAM_LLM_API_KEY" "key" "llmApiKey" "optional" true) }}
{{ include "engram.secretEnv" (dict "root" . "name" "KAFKA_SASL_JAAS_CONFIG" "key" "kafkaSaslJaasConfig" "optional" true) }}
{{- with (include "engram.secretEnv.llmProfiles" .) }}
{{ . }}
{{- end }}
{{- end }}

{{- define "engram.secretEnv.ingestWorker" -}}
{{ include "engram.secretEnv" (dict "root" . "name" "QUARKUS_DATASOURCE_PASSWORD" "key" "databasePassword" "optional" false) }}
{{ include "engram.secretEnv" (dict "root" . "name" "ENGRAM_QDRANT_API_KEY" "key" "qdrantApiKey" "optional" true) }}
{{ include "engram.secretEnv" (dict "root" . "name" "ENGRAM_LLM_API_KEY" "key" "llmApiKey" "optional" true) }}
{{ include "engram.secretEnv" (dict "root" . "name" "KAFKA_SASL_JAAS_CONFIG" "key" "kafkaSaslJaasConfig" "optional" true) }}
{{- with (include "engram.secretEnv.llmProfiles" .) }}
{{ . }}
{{- end }}
{{- end }}

{{- define "engram.secretEnv.dashboardBackend" -}}
{{ include "engram.secretEnv" (dict "root" . "name" "QUARKUS_DATASOURCE_PASSWORD" "key" "databasePassword" "optional" false) }}
{{ include "engram.secretEnv" (dict "root" . "name" "ENGRAM_DASHBOARD_GATEWAY_API_KEY" "key" "bootstrapApiKey" "optional" false) }}
{{ include "engram.secretEnv" (dict "root" . "name" "ENGRAM_QDRANT_API_KEY" "key" "qdrantApiKey" "optional" true) }}
{{ include "engram.secretEnv" (dict "root" . "name" "QUARKUS_OIDC_CREDENTIALS_SECRET" "key" "oidcClientSecret" "optional" true) }}
{{ include "engram.secretEnv" (dict "root" . "name" "KAFKA_SASL_JAAS_CONFIG" "key" "kafkaSaslJaasConfig" "optional" true) }}
{{- end }}

{{/*
JAVA_OPTS of one app (replaces the image's): the contract's JVM flags, the heap, /tmp as java.io.tmpdir, and JBoss
LogManager as the JUL manager from the first log line on (as in Quarkus' own JVM images). Argument: dict root, app.
*/}}
{{- define "engram.javaOpts" -}}
{{- printf "%s -Xmx%s -Djava.io.tmpdir=/tmp -Djava.util.logging.manager=org.jboss.logmanager.LogManager" .root.Values.config.jvmFlags (index .root.Values .app).heap }}
{{- end }}

{{/* Egress ports of the external dependencies, as JSON arrays, when networkPolicy.egress.<name>.ports is empty. */}}
{{- define "engram.egressPorts.kafka" -}}
{{- $ports := list }}
{{- range splitList "," (include "engram.kafka.bootstrapServers" .) }}
{{- $ports = append $ports (int (last (splitList ":" (trim .)))) }}
{{- end }}
{{- $ports | uniq | toJson }}
{{- end }}

{{- define "engram.egressPorts.postgresql" -}}
{{- $port := .Values.externalDatabase.port }}
{{- with .Values.externalDatabase.jdbcUrl }}
{{- $port = regexReplaceAll "^jdbc:postgresql://[^/:,]+(:([0-9]+))?[/,?].*$" . "${2}" | default "5432" }}
{{- end }}
{{- list (int $port) | toJson }}
{{- end }}

{{- define "engram.egressPorts.qdrant" -}}
{{- list (int .Values.externalQdrant.port) | toJson }}
{{- end }}

{{- define "engram.egressPorts.oidc" -}}
{{- list 443 | toJson }}
{{- end }}

{{- define "engram.egressPorts.llm" -}}
{{- list 443 | toJson }}
{{- end }}
