package io.gatehouse.webhook;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import io.gatehouse.shared.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The messages to applications: queue one in the transaction of the change that causes it, list
 * an application's, retry one, and say which applications were told of a change.
 */
@Service
@Transactional
public class Deliveries {

    private final DeliveryOutbox outbox;
    private final DeliveryDispatcher dispatcher;
    private final WebhookSettings settings;
    private final AccessPolicy policy;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;

    Deliveries(DeliveryOutbox outbox, DeliveryDispatcher dispatcher, WebhookSettings settings, AccessPolicy policy,
            ApplicationEventPublisher events, JdbcClient jdbc, Clock clock) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.policy = policy;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Writes the message to the outbox in the caller's transaction: it leaves as soon as that
     * commits (the dispatcher is woken then), and never if it rolls back. Its kind must have a
     * {@link DeliveryRenderer}.
     *
     * @return the delivery's id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID enqueue(NewDelivery delivery) {
        Instant now = clock.instant();
        UUID id = outbox.insert(delivery, now, now, now.plus(settings.giveUpAfter()));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.wake();
                }
            });
        }
        return id;
    }

    /** An application's deliveries, newest first, of one status when given (vendor admin). */
    @Transactional(readOnly = true)
    public PageResult<DeliveryView> list(Actor actor, UUID applicationId, DeliveryStatus status, PageRequest page) {
        requireApplication(actor, applicationId);
        return outbox.list(applicationId, status, page);
    }

    @Transactional(readOnly = true)
    public DeliveryView get(Actor actor, UUID applicationId, UUID id) {
        requireApplication(actor, applicationId);
        return outbox.find(applicationId, id).orElseThrow(() -> new NotFoundException("delivery"));
    }

    /**
     * A failed delivery, or one waiting for its next attempt, is sent again now and retried for a
     * new while if need be. Anything else (pending, delivered) answers a conflict.
     */
    public DeliveryView retry(Actor actor, UUID applicationId, UUID id) {
        requireApplication(actor, applicationId);
        DeliveryView before = outbox.find(applicationId, id).orElseThrow(() -> new NotFoundException("delivery"));
        Instant now = clock.instant();
        if (!outbox.retryNow(applicationId, id, now, now.plus(settings.giveUpAfter()))) {
            throw new ConflictException("status", "conflict.delivery.notRetryable");
        }
        events.publishEvent(new Audited(actor.ref(), null, "delivery.retried", "delivery",
                id.toString(), Map.of("status", before.status().name(), "attempts", before.attempts()),
                Map.of("status", DeliveryStatus.RETRYING.name())));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatcher.wake();
            }
        });
        return outbox.find(applicationId, id).orElseThrow();
    }

    /** Which applications were told of the change an approved request made; null when none was. */
    @Transactional(readOnly = true)
    public Informed forChangeRequest(UUID changeRequestId) {
        return Informed.of(outbox.forChangeRequest(changeRequestId), clock.instant());
    }

    /** Which applications were told of the newest change of this person's access here that was told; null when none was. */
    @Transactional(readOnly = true)
    public Informed latestForMember(OrganizationId organization, UserId user) {
        return Informed.of(outbox.latestForMember(organization, user), clock.instant());
    }

    private void requireApplication(Actor actor, UUID applicationId) {
        policy.manageWebhooks(actor).orThrow();
        Optional<UUID> known = jdbc.sql("select id from application where id = ?").param(applicationId).query(UUID.class).optional();
        if (known.isEmpty()) {
            throw new NotFoundException("application");
        }
    }
}
