package io.gatehouse.user;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Hashes passwords on a few threads of its own, as many as there are CPUs, first come first
 * served. Argon2 keeps a CPU busy for the whole hash and holds 19 MiB meanwhile: hashing more at
 * once adds no throughput, only memory (200 request threads could ask for 3.8 GiB) and waiting
 * time for everybody. Keeping the work on the same few threads also keeps the native library's
 * freed memory in as few malloc arenas, so the process gives it back instead of holding one
 * 19 MiB block per request thread that ever hashed.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final ExecutorService hashers;

    BoundedPasswordEncoder(PasswordEncoder delegate, int threads) {
        this.delegate = delegate;
        AtomicInteger count = new AtomicInteger();
        this.hashers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "password-hashing-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return call(() -> delegate.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return call(() -> delegate.matches(rawPassword, encodedPassword));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private <T> T call(Callable<T> task) {
        Future<T> result = hashers.submit(task);
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing a password", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
