package io.gatehouse.product;

import static io.gatehouse.product.ProductApiTest.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import io.gatehouse.support.IntegrationTest;
import io.gatehouse.support.TestData;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Files of hundreds of megabytes through the real server, made up on the fly from a stream and
 * never held in memory by the test: the application's heap stays flat while they go in and out.
 */
@IntegrationTest
class LargeFileTransferTest {

    private static final long SIZE = 320L * 1024 * 1024 + 12_345;
    private static final long ALLOWED_HEAP_GROWTH = 96L * 1024 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void severalHundredMegabytesGoInAndComeOutWholeWhileTheHeapStaysFlat() throws Exception {
        String release = release();
        String expected = sha256(new Generated(SIZE, 42));

        HeapWatch watch = HeapWatch.start();
        HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                + "/api/v1/products/" + product + "/releases/" + release + "/files?platform=ISO&name=disc.iso&sha256=" + expected))
                        .header("Authorization", basic())
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Generated(SIZE, 42)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        assertThat((String) JsonPath.read(uploaded.body(), "$.sha256")).isEqualTo(expected);
        assertThat(((Number) JsonPath.read(uploaded.body(), "$.size")).longValue()).isEqualTo(SIZE);
        String fileId = JsonPath.read(uploaded.body(), "$.id");

        HttpResponse<InputStream> downloaded = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/files/" + fileId))
                .header("Authorization", basic()).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
        String received;
        try (InputStream body = downloaded.body()) {
            received = sha256(body);
        }
        long growth = watch.stop();

        assertThat(received).isEqualTo(expected);
        assertThat(growth).as("heap growth while %d bytes went in and out", 2 * SIZE).isLessThan(ALLOWED_HEAP_GROWTH);

        HttpResponse<InputStream> resumed = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/files/" + fileId))
                .header("Authorization", basic()).header("Range", "bytes=" + (SIZE - 1000) + "-").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(resumed.statusCode()).isEqualTo(206);
        try (InputStream body = resumed.body()) {
            byte[] tail = body.readAllBytes();
            Generated generated = new Generated(SIZE, 42);
            generated.skipNBytes(SIZE - 1000);
            assertThat(tail).isEqualTo(generated.readAllBytes());
        }
    }

    @Test
    void uploadThatBreaksOffBeforeItsAnnouncedLengthLeavesNoRowAndNoFile() throws Exception {
        String release = release();
        List<String> before = ReleaseDownloadTest.storedFiles();
        String path = "/api/v1/products/" + product + "/releases/" + release + "/files?platform=WINDOWS&name=setup.exe";
        String response;
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + basic()
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000000\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[200_000]);
            out.flush();
            socket.shutdownOutput();
            response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(jdbc.sql("select count(*) from release_file where release_id = ?").param(UUID.fromString(release))
                .query(Long.class).single()).isZero();
        assertThat(ReleaseDownloadTest.storedFiles()).isEqualTo(before);
    }

    private String product;

    private String release() throws Exception {
        product = JsonPath.read(mvc.perform(asAdmin(post("/api/v1/products")).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"%s","kind":"CONTENT"}""".formatted(TestData.unique("Maps"))))
                .andReturn().getResponse().getContentAsString(), "$.id");
        return JsonPath.read(mvc.perform(asAdmin(post("/api/v1/products/{p}/releases", product)).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"version":"2026.1","channel":"STABLE","releasedOn":"2026-11-01"}"""))
                .andReturn().getResponse().getContentAsString(), "$.id");
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((TestData.ADMIN_EMAIL + ":" + TestData.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The heap in use after a full collection, sampled while a transfer runs: what stays, not what passes. */
    static final class HeapWatch {

        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong peak = new AtomicLong();
        private final long baseline;
        private final Thread sampler;

        private HeapWatch() {
            System.gc();
            baseline = memory.getHeapMemoryUsage().getUsed();
            sampler = new Thread(() -> {
                while (running.get()) {
                    System.gc();
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            sampler.setDaemon(true);
            sampler.start();
        }

        static HeapWatch start() {
            return new HeapWatch();
        }

        long stop() throws InterruptedException {
            running.set(false);
            sampler.join();
            return Math.max(0, peak.get() - baseline);
        }
    }

    /** Pseudo-random bytes of a given length, the same for the same seed, made as they are read. */
    static final class Generated extends InputStream {

        private long remaining;
        private long state;

        Generated(long size, long seed) {
            this.remaining = size;
            this.state = seed * 0x9E3779B97F4A7C15L + 1;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                b[off + i] = (byte) state;
            }
            remaining -= n;
            return n;
        }
    }
}
