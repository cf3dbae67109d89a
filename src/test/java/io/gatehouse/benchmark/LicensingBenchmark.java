package io.gatehouse.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Licences, downloads and activations: a 2 GiB release file uploaded through the API and
 * downloaded whole, alone and ten at a time, while the application's memory is watched; the
 * Licenses and Products download pages of an organization with 200 licences and 50 products of 30
 * releases; machine activations with the secret licence key, and the throttle against guessing.
 */
final class LicensingBenchmark {

    static final long LARGE_FILE = 2L * 1024 * 1024 * 1024;
    static final int CONCURRENT_DOWNLOADS = 10;
    private static final int READ_BUFFER = 1 << 20;
    private static final long WARM_UP_RANGE = 256L * 1024 * 1024;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    /** One download (or several at once): bytes received, how long, and the application's RSS before and at most during. */
    record Transfer(long bytes, Duration took, long rssBeforeKib, long rssHighestKib, double othersCpu) {

        double megabytesPerSecond() {
            return bytes / 1e6 / (took.toNanos() / 1e9);
        }

        long growthKib() {
            return Math.max(0, rssHighestKib - rssBeforeKib);
        }
    }

    /** Everything this part measured. */
    record Results(Transfer upload, List<Transfer> downloads, Transfer concurrent, Load.Result licencesPage, int licencesListed,
            Load.Result downloadsPage, int releasesListed, int downloadsPageKib, Load.Result activate1, Load.Result activate4,
            Load.Result activate8, int guessesRefusedAt, int activationKeys) {

        List<Load.Result> loads() {
            return List.of(licencesPage, downloadsPage, activate1, activate4, activate8);
        }

        Transfer medianDownload() {
            List<Transfer> sorted = downloads.stream().sorted(java.util.Comparator.comparing(Transfer::took)).toList();
            return sorted.get(sorted.size() / 2);
        }

        double downloadsOthersCpu() {
            return java.util.stream.Stream.concat(downloads.stream(), java.util.stream.Stream.of(concurrent))
                    .mapToDouble(Transfer::othersCpu).max().orElse(0);
        }

        long downloadGrowthKib() {
            return downloads.stream().mapToLong(Transfer::growthKib).max().orElse(0);
        }

        Load.Result fastestActivations() {
            return activate8.perSecond() > activate4.perSecond() ? activate8 : activate4;
        }
    }

    private final String base;
    private final AppProcess app;
    private final DataGenerator.Dataset data;
    private final String managerBearer;
    private final BlockingHttp portal;
    private final BlockingHttp http;
    private final Consumer<String> step;

    LicensingBenchmark(String base, AppProcess app, DataGenerator.Dataset data, String managerBearer, BlockingHttp portal,
            Consumer<String> step) {
        this.base = base;
        this.app = app;
        this.data = data;
        this.managerBearer = managerBearer;
        this.portal = portal;
        this.http = BlockingHttp.to(base);
        this.step = step;
    }

    Results run(String adminEmail, String adminPassword) throws Exception {
        LicensingData.Licensing licensing = data.licensing();
        String organization = data.largeOrganization().toString();

        step.accept("Uploading a 2 GiB release file through the API (streamed, as the vendor admin)");
        String admin = "Basic " + Base64.getEncoder().encodeToString((adminEmail + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
        long rssBeforeUpload = app.rssKib();
        long started = System.nanoTime();
        String fileId = upload("/api/v1/products/" + licensing.downloadProduct() + "/releases/" + licensing.downloadRelease()
                + "/files?platform=ISO&name=" + licensing.downloadProductName().toLowerCase(Locale.ROOT).replace(' ', '-')
                + "-disc.iso", admin);
        Transfer upload = new Transfer(LARGE_FILE, Duration.ofNanos(System.nanoTime() - started), rssBeforeUpload, app.rssKib(), 0);
        step.accept(String.format("  %.0f MB/s", upload.megabytesPerSecond()));

        step.accept("Downloading it whole with a Manager's API token (GET /api/v1/files/{fileId}), one at a time");
        String path = "/api/v1/files/" + fileId;
        download(path); // the first read brings the file into the operating system's cache
        List<Transfer> downloads = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            CpuMonitor.awaitQuiet(0.10, Duration.ofSeconds(20));
            Transfer transfer = watched(1, () -> download(path));
            downloads.add(transfer);
            step.accept(String.format("  %.0f MB/s in %.2f s, RSS %d MiB before, +%d KiB at most (other processes: %.0f %% CPU)",
                    transfer.megabytesPerSecond(), transfer.took().toMillis() / 1000.0, transfer.rssBeforeKib() / 1024,
                    transfer.growthKib(), transfer.othersCpu() * 100));
        }
        step.accept(CONCURRENT_DOWNLOADS + " downloads of it at once");
        // Unmeasured first: as many downloads of its first 256 MiB at once, so the threads serving them have run before.
        watched(CONCURRENT_DOWNLOADS, () -> download(path, WARM_UP_RANGE));
        CpuMonitor.awaitQuiet(0.10, Duration.ofSeconds(20));
        Transfer concurrent = watched(CONCURRENT_DOWNLOADS, () -> download(path));
        step.accept(String.format("  %.0f MB/s together in %.2f s, RSS %d MiB before, +%d KiB at most (other processes: %.0f %% CPU)",
                concurrent.megabytesPerSecond(), concurrent.took().toMillis() / 1000.0, concurrent.rssBeforeKib() / 1024,
                concurrent.growthKib(), concurrent.othersCpu() * 100));

        step.accept("Licenses page (HTML) of the large organization, signed in as its Manager");
        String licencesPath = "/organizations/" + organization + "/licences";
        int licencesListed = count(portal.get(licencesPath).body(), "class=\"licence-number\"");
        Load.Result licencesPage = Load.run("Licenses page", 1, 50, 400, Duration.ofSeconds(30), i -> {
            BlockingHttp.Response response = portal.get(licencesPath);
            return expect(response, 200) && response.body().contains("licence-number");
        });
        step.accept("  " + licencesListed + " licences listed; " + licencesPage.summary());

        step.accept("Products download page (HTML) of the large organization, signed in as its Manager");
        String downloadsPath = "/organizations/" + organization + "/downloads";
        String downloadsHtml = portal.get(downloadsPath).body();
        int releasesListed = count(downloadsHtml, "class=\"download-release\"");
        int downloadsPageKib = downloadsHtml.getBytes(StandardCharsets.UTF_8).length / 1024;
        Load.Result downloadsPage = Load.run("Products download page", 1, 50, 400, Duration.ofSeconds(30), i -> {
            BlockingHttp.Response response = portal.get(downloadsPath);
            return expect(response, 200) && response.body().contains("download-release");
        });
        step.accept("  " + releasesListed + " releases listed, " + downloadsPageKib + " KiB; " + downloadsPage.summary());

        step.accept("Machine activations (POST /api/v1/activations), a new machine each time, on "
                + licensing.activationKeys().size() + " desktop licences with unlimited seats");
        List<String> keys = licensing.activationKeys();
        String run = Long.toString(System.currentTimeMillis(), 36);
        Load.Request activate = i -> {
            String body = "{\"licenceKey\":\"" + keys.get(i % keys.size()) + "\",\"fingerprint\":\"bench-" + run + "-" + i
                    + "\",\"machineName\":\"Workstation " + i + "\"}";
            return expect(http.post("/api/v1/activations", "application/json", body, "Accept", "application/json"), 201);
        };
        Load.Result activate1 = Load.run("activation", 1, 300, 3_000, Duration.ofSeconds(20), activate);
        step.accept("  " + activate1.summary());
        Load.Result activate4 = Load.run("activation", 4, 300, 10_000, Duration.ofSeconds(20), i -> activate.call(100_000 + i));
        step.accept("  " + activate4.summary());
        Load.Result activate8 = Load.run("activation", 8, 300, 10_000, Duration.ofSeconds(20), i -> activate.call(200_000 + i));
        step.accept("  " + activate8.summary());

        // Last: it locks this address out of activations for the throttle's window.
        step.accept("Guessing licence keys from one address");
        int refusedAt = 0;
        Random guesses = new Random(7);
        for (int attempt = 1; attempt <= 30 && refusedAt == 0; attempt++) {
            String key = String.format("%05d-%05d-%05d-%05d-%05d", guesses.nextInt(99_999), guesses.nextInt(99_999),
                    guesses.nextInt(99_999), guesses.nextInt(99_999), guesses.nextInt(99_999));
            BlockingHttp.Response response = http.post("/api/v1/activations", "application/json",
                    "{\"licenceKey\":\"" + key + "\",\"fingerprint\":\"guess\",\"machineName\":\"Guess\"}", "Accept", "application/json");
            if (response.status() == 429) {
                refusedAt = attempt;
            } else if (response.status() != 400) {
                throw new IllegalStateException("A guessed key answered HTTP " + response.status() + ": " + response.body());
            }
        }
        step.accept(refusedAt == 0 ? "  never refused" : "  refused from attempt " + refusedAt);
        return new Results(upload, downloads, concurrent, licencesPage, licencesListed, downloadsPage, releasesListed,
                downloadsPageKib, activate1, activate4, activate8, refusedAt, keys.size());
    }

    @FunctionalInterface
    private interface Download {
        long run() throws IOException;
    }

    /** Runs {@code parallel} downloads at once, sampling the application's RSS every 20 ms meanwhile. */
    private Transfer watched(int parallel, Download download) throws Exception {
        long before = app.rssKib();
        long[] highest = {before};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                highest[0] = Math.max(highest[0], app.rssKib());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        CpuMonitor.Sample cpuBefore = CpuMonitor.sample();
        long started = System.nanoTime();
        long bytes = 0;
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                futures.add(pool.submit(download::run));
            }
            for (Future<Long> future : futures) {
                bytes += future.get();
            }
        } finally {
            pool.shutdown();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        sampler.interrupt();
        sampler.join();
        highest[0] = Math.max(highest[0], app.rssKib());
        return new Transfer(bytes, took, before, highest[0], CpuMonitor.othersShare(cpuBefore, CpuMonitor.sample()));
    }

    /** Reads the whole file and drops it, a large buffer at a time: the client keeps nothing. */
    private long download(String path) throws IOException {
        return download(path, LARGE_FILE);
    }

    /** The first {@code length} bytes (a Range request when that is not the whole file). */
    private long download(String path, long length) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        connection.setRequestProperty("Authorization", managerBearer);
        if (length < LARGE_FILE) {
            connection.setRequestProperty("Range", "bytes=0-" + (length - 1));
        }
        connection.setUseCaches(false);
        connection.setReadTimeout(120_000);
        int status = connection.getResponseCode();
        if (status != (length < LARGE_FILE ? 206 : 200)) {
            throw new IllegalStateException("The download answered HTTP " + status);
        }
        long received = 0;
        byte[] buffer = new byte[READ_BUFFER];
        try (InputStream in = connection.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received += n;
            }
        }
        if (received != length) {
            throw new IllegalStateException("The download brought " + received + " bytes of " + length);
        }
        return received;
    }

    /** Sends LARGE_FILE bytes made up on the fly (a random mebibyte, over and over) as the body; returns the new file's id. */
    private String upload(String path, String authorization) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Authorization", authorization);
        connection.setRequestProperty("Content-Type", "application/octet-stream");
        connection.setRequestProperty("Accept", "application/json");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(LARGE_FILE);
        connection.setReadTimeout(600_000);
        byte[] block = new byte[1 << 20];
        new Random(2026).nextBytes(block);
        try (OutputStream out = connection.getOutputStream()) {
            for (long sent = 0; sent < LARGE_FILE; sent += block.length) {
                out.write(block, 0, (int) Math.min(block.length, LARGE_FILE - sent));
            }
        }
        int status = connection.getResponseCode();
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Matcher id = ID.matcher(body);
        if (status != 201 || !id.find()) {
            throw new IllegalStateException("The upload answered HTTP " + status + ": " + body);
        }
        return id.group(1);
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }

    private static boolean expect(BlockingHttp.Response response, int status) {
        if (response.status() != status) {
            String body = response.body();
            throw new IllegalStateException("HTTP " + response.status() + ": " + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
        }
        return true;
    }
}
