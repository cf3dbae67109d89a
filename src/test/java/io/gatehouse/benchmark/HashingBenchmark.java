package io.gatehouse.benchmark;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id at the production cost (m=19456 KiB, t=2, p=1) in pure Java, as Spring Security's
 * Argon2PasswordEncoder computes it with BouncyCastle, against the native reference library
 * (libargon2 through JNA, de.mkammerer:argon2-jvm). Both produce the same PHC string format, so
 * each verifies the other's hashes.
 *
 * <p>argon2-jvm is looked up at run time: without it on the class path the native column is
 * left empty and the rest still runs.
 */
public final class HashingBenchmark {

    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;

    private static final String PASSWORD = "Harbour-Lantern-Quartz-58";

    /** One implementation: ms per hash on one thread, hashes per second on 2 and 4 threads. */
    public record Result(String name, double msPerHash, double perSecond2, double perSecond4, String note) {
    }

    /** Both implementations, and whether each verifies the other's hash. */
    public record Comparison(Result java, Result nativeLibrary, Boolean interoperable) {
    }

    @FunctionalInterface
    interface Hasher {
        String hash(String password) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Comparison comparison = new HashingBenchmark().run(3, 2, 3);
        print(comparison.java());
        print(comparison.nativeLibrary());
        System.out.println("interoperable: " + comparison.interoperable());
    }

    private static void print(Result result) {
        System.out.printf("%-45s %8.1f ms/hash  %6.1f/s (2 threads)  %6.1f/s (4 threads)  %s%n", result.name(),
                result.msPerHash(), result.perSecond2(), result.perSecond4(), result.note());
    }

    /**
     * Measures both implementations in turn, {@code rounds} times, and keeps the best figure of
     * each: other work on the machine can only slow a round down.
     *
     * @param singleSeconds time spent hashing on one thread in each round
     * @param threadedSeconds time spent at 2 and at 4 threads in each round
     */
    public Comparison run(int rounds, int singleSeconds, int threadedSeconds) throws Exception {
        Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, PARALLELISM, MEMORY_KIB, ITERATIONS);
        Hasher nativeHasher = nativeHasher();
        String javaName = "BouncyCastle 1.82 (Spring Argon2PasswordEncoder)";
        String nativeName = "libargon2 (argon2-jvm 2.12, JNA)";
        Result java = new Result(javaName, Double.MAX_VALUE, 0, 0, "");
        Result nativeResult = new Result(nativeName, Double.MAX_VALUE, 0, 0, "");
        warmUp(spring::encode);
        if (nativeHasher != null) {
            warmUp(nativeHasher);
        }
        for (int round = 0; round < rounds; round++) {
            CpuMonitor.awaitQuiet(0.10, Duration.ofSeconds(20));
            java = best(java, measure(javaName, spring::encode, singleSeconds, threadedSeconds));
            if (nativeHasher != null) {
                nativeResult = best(nativeResult, measure(nativeName, nativeHasher, singleSeconds, threadedSeconds));
            }
        }
        if (nativeHasher == null) {
            return new Comparison(java, new Result(nativeName, Double.NaN, Double.NaN, Double.NaN,
                    "not measured: de.mkammerer:argon2-jvm is not on the class path"), null);
        }
        String nativeHash = nativeHasher.hash(PASSWORD);
        boolean interoperable = spring.matches(PASSWORD, nativeHash) && nativeVerify(spring.encode(PASSWORD));
        return new Comparison(java, nativeResult, interoperable);
    }

    private static Result best(Result a, Result b) {
        return new Result(a.name(), Math.min(a.msPerHash(), b.msPerHash()), Math.max(a.perSecond2(), b.perSecond2()),
                Math.max(a.perSecond4(), b.perSecond4()), a.note());
    }

    private static void warmUp(Hasher hasher) throws Exception {
        for (int i = 0; i < 10; i++) {
            hasher.hash(PASSWORD);
        }
    }

    private static Result measure(String name, Hasher hasher, int singleSeconds, int threadedSeconds) throws Exception {
        int count = 0;
        long start = System.nanoTime();
        long until = start + singleSeconds * 1_000_000_000L;
        while (count < 5 || (System.nanoTime() < until && count < 1_000)) {
            hasher.hash(PASSWORD);
            count++;
        }
        double msPerHash = (System.nanoTime() - start) / 1e6 / count;
        return new Result(name, msPerHash, throughput(hasher, 2, threadedSeconds), throughput(hasher, 4, threadedSeconds), "");
    }

    private static double throughput(Hasher hasher, int threads, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // Warm-up on every thread, then each thread hashes until the deadline.
            List<Callable<Integer>> warmUp = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                warmUp.add(() -> {
                    hasher.hash(PASSWORD);
                    return 1;
                });
            }
            for (Future<Integer> f : pool.invokeAll(warmUp)) {
                f.get();
            }
            long start = System.nanoTime();
            long until = start + seconds * 1_000_000_000L;
            List<Callable<Integer>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(() -> {
                    int n = 0;
                    while (System.nanoTime() < until && n < 10_000) {
                        hasher.hash(PASSWORD);
                        n++;
                    }
                    return n;
                });
            }
            int total = 0;
            for (Future<Integer> f : pool.invokeAll(work)) {
                total += f.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private Object nativeArgon2;
    private Method nativeHash;
    private Method nativeVerify;

    /** libargon2 through argon2-jvm, by reflection so this class compiles without it. */
    private Hasher nativeHasher() {
        try {
            Class<?> factory = Class.forName("de.mkammerer.argon2.Argon2Factory");
            Class<?> types = Class.forName("de.mkammerer.argon2.Argon2Factory$Argon2Types");
            Class<?> argon2 = Class.forName("de.mkammerer.argon2.Argon2");
            @SuppressWarnings({"unchecked", "rawtypes"})
            Object argon2id = Enum.valueOf((Class<Enum>) types, "ARGON2id");
            nativeArgon2 = factory.getMethod("create", types, int.class, int.class).invoke(null, argon2id, 16, 32);
            nativeHash = argon2.getMethod("hash", int.class, int.class, int.class, char[].class);
            nativeVerify = argon2.getMethod("verify", String.class, char[].class);
        } catch (ClassNotFoundException e) {
            return null;
        } catch (ReflectiveOperationException | LinkageError e) {
            System.err.println("argon2-jvm is present but cannot be loaded: " + e);
            return null;
        }
        return password -> {
            try {
                return (String) nativeHash.invoke(nativeArgon2, ITERATIONS, MEMORY_KIB, PARALLELISM, password.toCharArray());
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        };
    }

    private boolean nativeVerify(String springHash) throws ReflectiveOperationException {
        return (Boolean) nativeVerify.invoke(nativeArgon2, springHash, PASSWORD.toCharArray());
    }
}
