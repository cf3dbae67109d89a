package io.gatehouse.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark's HTTP/1.1 client. It reads and writes on the calling thread over connections
 * kept alive between requests, as load generators such as wrk do: a measured latency then holds
 * the application's work and the loopback, not hand-offs between the client's own threads (the
 * JDK's asynchronous HttpClient adds about a millisecond a request that way on two CPUs).
 * Optionally keeps the cookies it is given, like a browser.
 */
final class BlockingHttp {

    record Response(int status, String body, Map<String, List<String>> headers) {

        String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (name.equalsIgnoreCase(entry.getKey()) && !entry.getValue().isEmpty()) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** Status and number of lines of a body read as it streams in, without keeping it. */
    record Lines(int status, long count) {
    }

    private final String base;
    private final Map<String, String> cookies;

    private BlockingHttp(String base, boolean keepCookies) {
        this.base = base;
        this.cookies = keepCookies ? new ConcurrentHashMap<>() : null;
    }

    static BlockingHttp to(String base) {
        return new BlockingHttp(base, false);
    }

    static BlockingHttp browserLike(String base) {
        return new BlockingHttp(base, true);
    }

    Response get(String path, String... headers) throws IOException {
        HttpURLConnection connection = open(path, "GET", headers);
        return read(connection);
    }

    Response post(String path, String contentType, String body, String... headers) throws IOException {
        return send("POST", path, contentType, body, headers);
    }

    Response put(String path, String contentType, String body, String... headers) throws IOException {
        return send("PUT", path, contentType, body, headers);
    }

    private Response send(String method, String path, String contentType, String body, String... headers) throws IOException {
        HttpURLConnection connection = open(path, method, headers);
        connection.setRequestProperty("Content-Type", contentType);
        connection.setDoOutput(true);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        connection.setFixedLengthStreamingMode(bytes.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(bytes);
        }
        return read(connection);
    }

    Lines lines(String path, String... headers) throws IOException {
        HttpURLConnection connection = open(path, "GET", headers);
        connection.setReadTimeout(300_000);
        int status = connection.getResponseCode();
        long count = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body(connection, status), StandardCharsets.UTF_8))) {
            while (reader.readLine() != null) {
                count++;
            }
        }
        return new Lines(status, count);
    }

    private HttpURLConnection open(String path, String method, String... headers) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(30_000);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            connection.setRequestProperty(headers[i], headers[i + 1]);
        }
        if (cookies != null && !cookies.isEmpty()) {
            connection.setRequestProperty("Cookie", String.join("; ",
                    cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).toList()));
        }
        return connection;
    }

    private Response read(HttpURLConnection connection) throws IOException {
        int status = connection.getResponseCode();
        String body;
        // Reading the body to its end and closing it hands the connection back for the next request.
        try (InputStream in = body(connection, status)) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, List<String>> headers = connection.getHeaderFields();
        if (cookies != null) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if ("Set-Cookie".equalsIgnoreCase(entry.getKey())) {
                    for (String cookie : entry.getValue()) {
                        String pair = cookie.split(";", 2)[0];
                        int equals = pair.indexOf('=');
                        if (equals > 0) {
                            cookies.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
                        }
                    }
                }
            }
        }
        return new Response(status, body, headers);
    }

    private static InputStream body(HttpURLConnection connection, int status) throws IOException {
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        return in != null ? in : InputStream.nullInputStream();
    }
}
