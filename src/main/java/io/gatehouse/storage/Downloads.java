package io.gatehouse.storage;

import io.gatehouse.shared.Problems;
import io.gatehouse.storage.DownloadPlan.Kind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a download as HTTP has it: one byte range when asked (206, or 416 beyond the file), a
 * strong ETag from the SHA-256 honoured by If-None-Match and If-Range, the exact Content-Length,
 * and a Content-Disposition that keeps any file name (RFC 6266). A file on local disk goes out with
 * the server's sendfile; any other is copied from the store a buffer at a time, so memory stays flat
 * whatever the size.
 */
@Component
public class Downloads {

    private static final Logger log = LoggerFactory.getLogger(Downloads.class);
    // Tomcat's request attributes for sendfile, as its DefaultServlet uses them (the end is exclusive).
    private static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";
    private static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final FileStore store;
    private final Problems problems;
    private final JsonMapper json = JsonMapper.builder().build();

    Downloads(FileStore store, Problems problems) {
        this.store = store;
        this.problems = problems;
    }

    /** What the request asks of this file, from its Range, If-Range and If-None-Match headers. */
    public DownloadPlan plan(HttpServletRequest request, DownloadableFile file) {
        if (matchesAny(request.getHeader("If-None-Match"), file.etag())) {
            return new DownloadPlan(file, Kind.NOT_MODIFIED, 0, 0);
        }
        String range = request.getHeader("Range");
        if (range == null || !rangeStillValid(request.getHeader("If-Range"), file)) {
            return whole(file);
        }
        return range(range.strip(), file);
    }

    /** Writes the answer the plan decided; a client that goes away mid-download just ends it. */
    public void send(DownloadPlan plan, HttpServletRequest request, HttpServletResponse response) {
        DownloadableFile file = plan.file();
        response.setStatus(plan.kind().status());
        response.setHeader("ETag", file.etag());
        response.setHeader("Last-Modified", HTTP_DATE.format(file.storedAt()));
        response.setHeader("Cache-Control", "private, no-cache");
        response.setHeader("Accept-Ranges", "bytes");
        if (plan.kind() == Kind.NOT_MODIFIED) {
            return;
        }
        if (plan.kind() == Kind.UNSATISFIABLE) {
            response.setHeader("Content-Range", "bytes */" + file.size());
            ProblemDetail problem = problems.problem(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "range-not-satisfiable",
                    "storage.download.rangeNotSatisfiable", file.size());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            try {
                response.getWriter().write(json.writeValueAsString(problem));
            } catch (IOException e) {
                log.debug("Client went away before the 416: {}", e.getMessage());
            }
            return;
        }
        if (plan.kind() == Kind.RANGE) {
            response.setHeader("Content-Range", "bytes " + plan.offset() + "-" + (plan.offset() + plan.length() - 1) + "/" + file.size());
        }
        response.setContentType(file.contentType());
        response.setContentLengthLong(plan.length());
        response.setHeader("Content-Disposition", contentDisposition(file.name()));
        if ("HEAD".equalsIgnoreCase(request.getMethod()) || sendfile(plan, request)) {
            return;
        }
        try (InputStream in = store.open(file.key(), plan.offset(), plan.length())) {
            OutputStream out = response.getOutputStream();
            byte[] buffer = new byte[Intake.BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
            out.flush();
        } catch (IOException e) {
            // Most often the client closed the connection (a paused or cancelled download); it resumes with Range.
            log.debug("Download of {} ended early: {}", file.key(), e.getMessage());
        } catch (UncheckedIOException e) {
            log.debug("Download of {} ended early: {}", file.key(), e.getMessage());
        }
    }

    /**
     * Hands a file on this machine's disk to the web server, which sends it with sendfile once the
     * request is handled: the kernel copies the bytes from its cache to the socket, so neither the
     * heap nor a request thread carries them. False where the server cannot (another server, TLS
     * done by it) or the store keeps the file elsewhere; the bytes are then copied here.
     */
    private boolean sendfile(DownloadPlan plan, HttpServletRequest request) {
        if (!Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORTED))) {
            return false;
        }
        Optional<Path> local = store.localFile(plan.file().key());
        try {
            // A file shorter than its record would leave the answer short of its Content-Length: copied, it fails as such.
            if (local.isEmpty() || Files.size(local.get()) < plan.offset() + plan.length()) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        request.setAttribute(SENDFILE_FILENAME, local.get().toString());
        request.setAttribute(SENDFILE_START, plan.offset());
        request.setAttribute(SENDFILE_END, plan.offset() + plan.length());
        return true;
    }

    private static DownloadPlan whole(DownloadableFile file) {
        return new DownloadPlan(file, Kind.WHOLE, 0, file.size());
    }

    /** One range; several, or a form that is not a byte range, are ignored as RFC 9110 allows: the whole file goes. */
    private static DownloadPlan range(String header, DownloadableFile file) {
        if (!header.regionMatches(true, 0, "bytes=", 0, 6) || header.indexOf(',') >= 0) {
            return whole(file);
        }
        String spec = header.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return whole(file);
        }
        long size = file.size();
        try {
            String first = spec.substring(0, dash).strip();
            String last = spec.substring(dash + 1).strip();
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                if (suffix <= 0 || size == 0) {
                    return new DownloadPlan(file, Kind.UNSATISFIABLE, 0, 0);
                }
                long length = Math.min(suffix, size);
                return new DownloadPlan(file, Kind.RANGE, size - length, length);
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? size - 1 : Long.parseLong(last);
            if (start < 0 || end < start) {
                return whole(file);
            }
            if (start >= size) {
                return new DownloadPlan(file, Kind.UNSATISFIABLE, 0, 0);
            }
            end = Math.min(end, size - 1);
            return new DownloadPlan(file, Kind.RANGE, start, end - start + 1);
        } catch (NumberFormatException e) {
            return whole(file);
        }
    }

    /** If-Range: the range holds only while the file is the one the client has part of (strong ETag, or exactly its date). */
    private static boolean rangeStillValid(String ifRange, DownloadableFile file) {
        if (ifRange == null || ifRange.isBlank()) {
            return true;
        }
        String value = ifRange.strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return value.equals(file.etag());
        }
        try {
            Instant date = Instant.from(HTTP_DATE.parse(value));
            return date.equals(file.storedAt().truncatedTo(ChronoUnit.SECONDS));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean matchesAny(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** RFC 6266: an ASCII fallback for old clients, and the exact name, UTF-8 encoded, for the others. */
    static String contentDisposition(String name) {
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
        }
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
