package io.gatehouse.storage;

/**
 * How a download request will be answered, decided before a byte is sent: the whole file, one
 * range of it, "not modified", or "range not satisfiable". Only the first two send the file.
 */
public record DownloadPlan(DownloadableFile file, Kind kind, long offset, long length) {

    public enum Kind {
        WHOLE(200), RANGE(206), NOT_MODIFIED(304), UNSATISFIABLE(416);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public boolean sendsContent() {
        return kind == Kind.WHOLE || kind == Kind.RANGE;
    }
}
