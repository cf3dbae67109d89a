package io.gatehouse.request;

import io.gatehouse.shared.Confirmation;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What Approve and Cancel request ask before they act, in the same words with JavaScript (the dialog)
 * and without it (the confirmation page): the ticket, the organization, the person or catalogue, and
 * what the change does.
 */
@Component
class TicketQuestions {

    private final TicketDiff diff;
    private final MessageSource messages;

    TicketQuestions(TicketDiff diff, MessageSource messages) {
        this.diff = diff;
        this.messages = messages;
    }

    /** "Approve ticket #12: Marie Martin will be deactivated in Acme. The change is applied at once." */
    String approve(RequestView ticket, Locale locale) {
        return text(locale, "requests.approve.confirm", ticket.number(), effect(ticket, locale));
    }

    /** "Cancel ticket #12, the deactivation of Marie Martin in Acme? Nothing will be changed." */
    String cancel(RequestView ticket, Locale locale) {
        return text(locale, "requests.cancel.confirm", ticket.number(), subject(ticket, locale));
    }

    Confirmation approval(RequestView ticket, String href, Locale locale) {
        return new Confirmation(text(locale, "requests.approve.confirm.title", ticket.number()), approve(ticket, locale),
                href + "/approve", List.of(), text(locale, "requests.approve.confirm.yes"), href,
                crumbs(ticket, href, "/requests", text(locale, "requests.queue.title"), locale));
    }

    Confirmation cancellation(RequestView ticket, String href, Locale locale) {
        return new Confirmation(text(locale, "requests.cancel.confirm.title", ticket.number()), cancel(ticket, locale),
                href + "/cancel", List.of(), text(locale, "requests.cancel.confirm.yes"), href,
                crumbs(ticket, href, "/organizations/" + ticket.organizationId() + "/requests", text(locale, "nav.tickets"), locale),
                text(locale, "requests.cancel.confirm.keep"));
    }

    private List<Confirmation.Field> crumbs(RequestView ticket, String href, String list, String listName, Locale locale) {
        return List.of(new Confirmation.Field(listName, list),
                new Confirmation.Field(text(locale, "requests.crumb", ticket.number()), href));
    }

    /** What approving does, in one sentence. */
    private String effect(RequestView ticket, Locale locale) {
        String organization = ticket.organizationName();
        return switch (ticket.type()) {
            case NEW_USER -> {
                RequestPages.Who who = RequestPages.Who.of(ticket.target());
                yield text(locale, "requests.approve.effect.NEW_USER", who.name(), who.email().isEmpty() ? who.name() : who.email(),
                        organization);
            }
            case RIGHTS_CHANGE -> text(locale, "requests.approve.effect.RIGHTS_CHANGE", person(ticket), organization, changes(ticket, locale));
            case DEACTIVATION -> text(locale, "requests.approve.effect.DEACTIVATION", person(ticket), organization);
            case CATALOGUE -> text(locale, "requests.approve.effect.CATALOGUE", ticket.target(), organization);
            case SEATS -> text(locale, "requests.approve.effect.SEATS", ticket.target(), organization,
                    String.valueOf(ticket.after() == null ? "" : ticket.after().get("seats")));
        };
    }

    private String subject(RequestView ticket, Locale locale) {
        String name = ticket.type().aboutAPerson() ? person(ticket) : ticket.target();
        return text(locale, "requests.subject." + ticket.type(), name, ticket.organizationName());
    }

    /** "Access rights: Reader → Reader, Editor", each changed field of the ticket. */
    private String changes(RequestView ticket, Locale locale) {
        return diff.rows(ticket, locale).stream().filter(TicketDiff.Row::changed)
                .map(row -> text(locale, "requests.approve.change", text(locale, "requests.field." + row.field()), row.before(),
                        row.after()))
                .collect(Collectors.joining("; "));
    }

    private static String person(RequestView ticket) {
        return RequestPages.Who.of(ticket.target()).name();
    }

    private String text(Locale locale, String code, Object... arguments) {
        return messages.getMessage(code, arguments.length == 0 ? null : arguments, code, locale);
    }
}
