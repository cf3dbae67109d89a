package io.gatehouse.webhook;

import io.gatehouse.access.MemberAccessChanged;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.UserId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues the "access changed" webhooks of a transaction. The changes one transaction makes to a
 * person (a role, then rights, then sites) are gathered and written as one message per application
 * just before the transaction commits: the rows commit with the change, or not at all, and describe
 * the state it leaves behind.
 */
@Component
class AccessChangeListener {

    private final Deliveries deliveries;
    private final WebhookStore webhooks;
    private final AccessChangePayload payloads;

    AccessChangeListener(Deliveries deliveries, WebhookStore webhooks, AccessChangePayload payloads) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.payloads = payloads;
    }

    @EventListener
    void changed(MemberAccessChanged change) {
        if (change.applicationIds().isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("an access change is announced inside its transaction");
        }
        Gathered gathered = (Gathered) TransactionSynchronizationManager.getResource(this);
        if (gathered == null) {
            gathered = new Gathered();
            TransactionSynchronizationManager.bindResource(this, gathered);
            TransactionSynchronizationManager.registerSynchronization(gathered);
        }
        gathered.add(change);
    }

    /** The changes of one transaction, by person. */
    private final class Gathered implements TransactionSynchronization {

        private final Map<Key, MemberAccessChanged> changes = new LinkedHashMap<>();

        void add(MemberAccessChanged change) {
            changes.merge(new Key(change.organizationId(), change.userId()), change, Gathered::merge);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            changes.values().forEach(this::queue);
        }

        private void queue(MemberAccessChanged change) {
            Set<UUID> told = new HashSet<>(webhooks.withWebhook(change.applicationIds()));
            if (told.isEmpty()) {
                return;
            }
            payloads.render(change, told).forEach((application, body) -> deliveries.enqueue(new NewDelivery(application,
                    WebhookRenderer.KIND, change.organizationId(), change.userId(), change.changeRequestId(), body)));
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(AccessChangeListener.this);
        }

        private static MemberAccessChanged merge(MemberAccessChanged first, MemberAccessChanged then) {
            Set<UUID> applications = new HashSet<>(first.applicationIds());
            applications.addAll(then.applicationIds());
            EnumSet<MemberAccessChanged.Change> kinds = EnumSet.copyOf(first.changes());
            kinds.addAll(then.changes());
            // A right granted then withdrawn in the same transaction was, in the end, not granted.
            Set<String> granted = new HashSet<>(first.rightsGranted());
            granted.removeAll(then.rightsWithdrawn());
            granted.addAll(then.rightsGranted());
            Set<String> withdrawn = new HashSet<>(first.rightsWithdrawn());
            withdrawn.removeAll(then.rightsGranted());
            withdrawn.addAll(then.rightsWithdrawn());
            UUID request = first.changeRequestId() != null ? first.changeRequestId() : then.changeRequestId();
            return new MemberAccessChanged(first.organizationId(), first.userId(), applications, kinds, granted, withdrawn, request,
                    then.at());
        }
    }

    private record Key(OrganizationId organization, UserId user) {
    }
}
