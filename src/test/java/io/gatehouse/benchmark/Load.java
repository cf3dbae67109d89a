package io.gatehouse.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a bounded number of requests on a few threads, for a bounded time, and keeps every latency. */
final class Load {

    /** One request; {@code index} counts from 0 across all threads. True when the answer was the expected one. */
    @FunctionalInterface
    interface Request {
        boolean call(int index) throws Exception;

        /** Runs before each request, outside its measured time. */
        default void before(int index) throws Exception {
        }
    }

    /** What one measured run did. */
    record Result(String label, int threads, int ok, int errors, Duration elapsed, long[] latencyNanos, String firstError,
            double othersCpu, boolean disturbed) {

        double perSecond() {
            return ok / (elapsed.toNanos() / 1e9);
        }

        double percentileMs(double percentile) {
            if (latencyNanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(percentile / 100.0 * latencyNanos.length);
            return latencyNanos[Math.max(0, Math.min(latencyNanos.length - 1, rank - 1))] / 1e6;
        }

        double meanMs() {
            return Arrays.stream(latencyNanos).average().orElse(Double.NaN) / 1e6;
        }

        double maxMs() {
            return latencyNanos.length == 0 ? Double.NaN : latencyNanos[latencyNanos.length - 1] / 1e6;
        }

        Result with(String newLabel, double newOthersCpu, boolean newDisturbed) {
            return new Result(newLabel, threads, ok, errors, elapsed, latencyNanos, firstError, newOthersCpu, newDisturbed);
        }

        String summary() {
            return String.format("%-24s threads=%d ok=%d errors=%d  %.1f/s  p50=%.2f ms  p95=%.2f ms  p99=%.2f ms  max=%.1f ms"
                    + "  (other processes: %.0f %% CPU%s)%s", label, threads, ok, errors, perSecond(), percentileMs(50),
                    percentileMs(95), percentileMs(99), maxMs(), othersCpu * 100, disturbed ? ", disturbed" : "",
                    firstError == null ? "" : "  first error: " + firstError);
        }
    }

    private Load() {
    }

    /**
     * Waits for the machine to be quiet, sends {@code warmUp} unrecorded requests, then up to
     * {@code maxRequests} recorded ones, on {@code threads} threads, stopping early once
     * {@code maxTime} has passed.
     */
    static Result run(String label, int threads, int warmUp, int maxRequests, Duration maxTime, Request request)
            throws InterruptedException {
        Result best = null;
        int offset = 0;
        // Other processes only ever slow a run down: when they competed for the CPUs, try again
        // (twice at most) and keep the least disturbed run.
        for (int attempt = 0; attempt < 3 && (best == null || best.disturbed()); attempt++) {
            CpuMonitor.awaitQuiet(0.10, Duration.ofSeconds(20));
            if (warmUp > 0) {
                drive(threads, warmUp, Duration.ofMinutes(2), request, offset);
                offset += warmUp;
            }
            CpuMonitor.Sample before = CpuMonitor.sample();
            Result result = drive(threads, maxRequests, maxTime, request, offset);
            offset += maxRequests;
            CpuMonitor.Sample after = CpuMonitor.sample();
            result = result.with(label, CpuMonitor.othersShare(before, after), CpuMonitor.disturbed(before, after));
            if (best == null || (best.disturbed() && (!result.disturbed() || result.othersCpu() < best.othersCpu()))) {
                best = result;
            }
            if (result.disturbed() && attempt < 2) {
                System.out.printf("[benchmark]   other processes took %.0f %% of the busy CPUs during \"%s\"; measuring again%n",
                        result.othersCpu() * 100, label);
            }
        }
        return best;
    }

    private static Result drive(int threads, int maxRequests, Duration maxTime, Request request, int indexOffset)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long deadline = start + maxTime.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                long[] mine = new long[maxRequests];
                int n = 0;
                int i;
                while ((i = next.getAndIncrement()) < maxRequests && System.nanoTime() < deadline) {
                    long began = 0;
                    boolean ok;
                    try {
                        request.before(indexOffset + i);
                        began = System.nanoTime();
                        ok = request.call(indexOffset + i);
                    } catch (Exception e) {
                        ok = false;
                        firstError.compareAndSet(null, e.toString());
                    }
                    long took = System.nanoTime() - began;
                    if (ok) {
                        mine[n++] = took;
                    } else {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, "unexpected answer to request " + (indexOffset + i));
                    }
                }
                return Arrays.copyOf(mine, n);
            }));
        }
        pool.shutdown();
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> future : futures) {
            try {
                parts.add(future.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result("", threads, all.length, errors.get(), elapsed, all, firstError.get(), 0, false);
    }

}
