package io.gatehouse.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per client address over a sliding window and refuses
 * further attempts while either is over its limit, so guessing a password costs hours, not minutes.
 */
@Component
class SignInThrottle {

    @ConfigurationProperties("gatehouse.sign-in")
    record Settings(Integer maxFailuresPerAccount, Integer maxFailuresPerAddress, Duration window) {

        Settings {
            maxFailuresPerAccount = maxFailuresPerAccount == null ? 10 : maxFailuresPerAccount;
            maxFailuresPerAddress = maxFailuresPerAddress == null ? 100 : maxFailuresPerAddress;
            window = window == null ? Duration.ofMinutes(15) : window;
        }
    }

    private static final int MAX_KEYS = 100_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Settings settings;
    private final Clock clock;

    SignInThrottle(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    boolean refuses(String account, String address) {
        return count(accountKey(account)) >= settings.maxFailuresPerAccount()
                || count(addressKey(address)) >= settings.maxFailuresPerAddress();
    }

    /** Seconds until the oldest counted failure leaves the window, i.e. when trying again makes sense. */
    long retryAfterSeconds(String account, String address) {
        Instant oldest = null;
        for (String key : new String[] {accountKey(account), addressKey(address)}) {
            Deque<Instant> times = failures.get(key);
            if (times != null) {
                synchronized (times) {
                    if (!times.isEmpty() && (oldest == null || times.peekFirst().isBefore(oldest))) {
                        oldest = times.peekFirst();
                    }
                }
            }
        }
        if (oldest == null) {
            return 1;
        }
        return Math.max(1, Duration.between(clock.instant(), oldest.plus(settings.window())).toSeconds());
    }

    void failed(String account, String address) {
        if (failures.size() > MAX_KEYS) {
            prune();
        }
        Instant now = clock.instant();
        for (String key : new String[] {accountKey(account), addressKey(address)}) {
            Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                times.addLast(now);
                while (times.size() > Math.max(settings.maxFailuresPerAccount(), settings.maxFailuresPerAddress())) {
                    times.removeFirst();
                }
            }
        }
    }

    void succeeded(String account) {
        failures.remove(accountKey(account));
    }

    private int count(String key) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        Instant since = clock.instant().minus(settings.window());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(since)) {
                times.removeFirst();
            }
            return times.size();
        }
    }

    private void prune() {
        Instant since = clock.instant().minus(settings.window());
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().isEmpty() || e.getValue().peekLast().isBefore(since);
            }
        });
    }

    private static String accountKey(String account) {
        return "account:" + (account == null ? "" : account.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "" : address);
    }
}
