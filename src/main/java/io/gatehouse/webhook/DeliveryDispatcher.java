package io.gatehouse.webhook;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the delivery outbox holds. Woken right after a commit that queued a delivery, and
 * every second anyway; the work runs on a thread of its own, never on the thread that served a request.
 *
 * <p>Each run claims a batch of due deliveries for a while (a lease, longer than the time-outs),
 * sends them all at once and records each answer in a transaction of its own: a 2xx is DELIVERED;
 * anything else is tried again with a growing wait, until it has been tried for a day and is given
 * up (FAILED). The claim is taken with {@code FOR UPDATE SKIP LOCKED}, so nodes never send one row at
 * the same time; a node that dies half-way leaves claims that run out, and the rows are sent again
 * with the same webhook-id, so that a receiver drops a copy it already has (at least once).
 */
@Component
class DeliveryDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final DeliveryOutbox outbox;
    private final Map<String, DeliveryRenderer> renderers;
    private final HttpClient http;
    private final WebhookSettings settings;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "delivery-dispatcher");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean runQueued = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();

    DeliveryDispatcher(DeliveryOutbox outbox, List<DeliveryRenderer> renderers, HttpClient webhookHttpClient,
            WebhookSettings settings, Clock clock, PlatformTransactionManager transactions) {
        this.outbox = outbox;
        this.renderers = renderers.stream().collect(Collectors.toMap(DeliveryRenderer::kind, Function.identity()));
        this.http = webhookHttpClient;
        this.settings = settings;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Scheduled(fixedDelayString = "${gatehouse.webhooks.poll-interval:1s}", initialDelayString = "${gatehouse.webhooks.poll-interval:1s}")
    void poll() {
        wake();
    }

    /** Asks the worker for a run, unless one is already waiting: many commits at once make one run. */
    void wake() {
        if (runQueued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    runQueued.set(false);
                    dispatch();
                });
            } catch (RejectedExecutionException e) {
                runQueued.set(false); // shutting down: the next start sends it
            }
        }
    }

    /** Runs on the worker until nothing is due. */
    private void dispatch() {
        try {
            while (!stopping.get() && sendDue(clock) == settings.batchSize()) {
                // a full batch: there may be more
            }
        } catch (RuntimeException e) {
            // The database may be away for a moment: the next run picks up where this one stopped.
            log.warn("Delivery dispatch stopped: {}", e.toString());
        }
    }

    /**
     * One step: claims the deliveries due by the clock's time, sends them and records the answers;
     * returns how many were claimed. Safe to call from several threads or nodes at once.
     */
    int sendDue(Clock at) {
        UUID claimant = UUID.randomUUID();
        Instant now = at.instant();
        List<DeliveryOutbox.Claimed> batch = transaction.execute(
                status -> outbox.claim(claimant, settings.batchSize(), now, now.plus(settings.lease())));
        if (batch == null || batch.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (DeliveryOutbox.Claimed claimed : batch) {
            sent.add(send(claimed, at).thenAccept(outcome -> record(claimant, claimed, outcome, at)));
        }
        for (CompletableFuture<Void> one : sent) {
            try {
                one.get(settings.timeout().plus(settings.connectTimeout()).toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                log.warn("A delivery was not recorded; its claim runs out and it is sent again: {}", e.toString());
            }
        }
        return batch.size();
    }

    /** What the receiver answered: a status code, or why there was none. */
    record Outcome(Integer statusCode, String error) {

        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private CompletableFuture<Outcome> send(DeliveryOutbox.Claimed claimed, Clock at) {
        Delivery delivery = claimed.delivery();
        DeliveryRenderer renderer = renderers.get(delivery.kind());
        if (renderer == null) {
            return CompletableFuture.completedFuture(new Outcome(null, "No renderer for " + delivery.kind()));
        }
        DeliveryRenderer.Rendered rendered;
        try {
            rendered = renderer.render(delivery, at.instant()).orElse(null);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Outcome(null, "Not rendered: " + e.getMessage()));
        }
        if (rendered == null) {
            return CompletableFuture.completedFuture(new Outcome(null, Gone.MESSAGE));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(rendered.target())
                .timeout(settings.timeout())
                .header("Content-Type", rendered.contentType())
                .header("User-Agent", "Gatehouse-Webhooks")
                .POST(HttpRequest.BodyPublishers.ofString(rendered.body(), StandardCharsets.UTF_8));
        rendered.headers().forEach(request::header);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> error == null ? new Outcome(response.statusCode(), response.statusCode() >= 300
                        ? "HTTP " + response.statusCode() : null) : new Outcome(null, describe(error)));
    }

    /** The application has no endpoint for this kind any more: nothing to retry. */
    private static final class Gone {
        static final String MESSAGE = "The application has no endpoint for this message any more";
    }

    private void record(UUID claimant, DeliveryOutbox.Claimed claimed, Outcome outcome, Clock at) {
        Delivery delivery = claimed.delivery();
        Instant now = at.instant();
        transaction.executeWithoutResult(status -> {
            if (outcome.delivered()) {
                outbox.delivered(claimant, delivery.id(), outcome.statusCode(), now);
                return;
            }
            Instant next = now.plus(settings.retryAfter(delivery.attempts() + 1));
            boolean giveUp = Gone.MESSAGE.equals(outcome.error()) || next.isAfter(claimed.retryUntil());
            outbox.failed(claimant, delivery.id(), outcome.statusCode(), outcome.error(), giveUp ? null : next);
        });
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null && text.length() < 1000; cause = cause.getCause()) {
            String message = cause.getMessage() == null || cause.getMessage().isBlank() ? cause.getClass().getSimpleName()
                    : cause.getMessage().strip();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : " – ").append(message);
            }
        }
        return text.toString();
    }

    @Override
    public void destroy() throws InterruptedException {
        stopping.set(true);
        worker.shutdown();
        if (!worker.awaitTermination(15, TimeUnit.SECONDS)) {
            worker.shutdownNow(); // claims left behind run out within a lease and another node sends those rows
        }
    }
}
