package io.gatehouse.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Email for the other features: queue one in the transaction of the change that causes it. */
@Service
public class Mails {

    private final MailTemplates templates;
    private final Outbox outbox;
    private final MailDispatcher dispatcher;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Mails(MailTemplates templates, Outbox outbox, MailDispatcher dispatcher, ApplicationEventPublisher events, Clock clock) {
        this.templates = templates;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Renders the template in the request's language and writes the mail to the outbox, in the
     * caller's transaction: it leaves once that commits, and never if it rolls back. Without a mail
     * server the mail is delivered to the Mailbox page at once.
     *
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     * @throws IllegalArgumentException when the template or its subject cannot be rendered
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID enqueue(MailRequest request) {
        Objects.requireNonNull(request, "request");
        MailTemplates.Rendered mail = templates.render(request);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        if (dispatcher.smtp()) {
            outbox.insert(id, request, mail, OutboxMail.PENDING, OutboxMail.SMTP, now);
            events.publishEvent(new MailQueued(id));
        } else {
            outbox.insert(id, request, mail, OutboxMail.SENT, OutboxMail.MAILBOX, now);
        }
        return id;
    }

    /** The mails to this address (letter case aside), newest first. */
    @Transactional(readOnly = true)
    public List<MailView> to(String address) {
        if (address == null || address.isBlank()) {
            return List.of();
        }
        return outbox.to(address).stream().map(OutboxMail::view).toList();
    }
}
