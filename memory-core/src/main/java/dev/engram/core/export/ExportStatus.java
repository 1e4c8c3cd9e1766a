package dev.engram.core.export;

/** Where a memory export job is: queued, being written, done (its JSON kept), or given up with a reason. */
public enum ExportStatus {
    PENDING, RUNNING, COMPLETED, FAILED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED;
    }
}
