package io.gatehouse.request;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.organization.Organizations;
import io.gatehouse.shared.Confirmation;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import io.gatehouse.shared.PortalPage;
import io.gatehouse.shared.UserId;
import io.gatehouse.webhook.Deliveries;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Tickets as pages: "My tickets" of an organization and one ticket there, for the people who
 * manage its members; the support queue across organizations and the ticket as the vendor's staff
 * work it (take it on, approve, reject, comment).
 */
@PortalPage
class RequestPages {

    static final int PAGE_SIZE = 25;

    private final ChangeRequests requests;
    private final Organizations organizations;
    private final AccessPolicy policy;
    private final TicketDiff diff;
    private final TicketQuestions questions;
    private final MessageSource messages;
    private final Deliveries deliveries;

    RequestPages(ChangeRequests requests, Organizations organizations, AccessPolicy policy, TicketDiff diff,
            TicketQuestions questions, MessageSource messages, Deliveries deliveries) {
        this.deliveries = deliveries;
        this.requests = requests;
        this.organizations = organizations;
        this.policy = policy;
        this.diff = diff;
        this.questions = questions;
        this.messages = messages;
    }

    /** A page of tickets with the addresses of the pages around it. */
    record TicketList(List<Row> rows, long total, long first, long last, String previousUrl, String nextUrl) {
    }

    /** One ticket in a table; mayAssign only in the queue. */
    record Row(RequestView ticket, String href, boolean mayAssign) {

        public Who person() {
            return Who.of(ticket.target());
        }

        public Who requester() {
            return Who.of(ticket.requester());
        }
    }

    /** A person as a ticket names them, "Ann Lee <ann@example.com>", split so a table can show the name first. */
    record Who(String name, String email) {

        static Who of(String label) {
            if (label == null) {
                return new Who("", "");
            }
            int open = label.lastIndexOf('<');
            if (open < 0 || !label.endsWith(">")) {
                return new Who(label.strip(), "");
            }
            String name = label.substring(0, open).strip();
            String email = label.substring(open + 1, label.length() - 1).strip();
            return new Who(name.isEmpty() ? email : name, name.isEmpty() ? "" : email);
        }
    }

    /** What the comment and reject forms send. */
    record CommentForm(String text) {
    }

    record RejectForm(String reason) {
    }

    // ---- My tickets

    @GetMapping("/organizations/{orgId}/requests")
    String mine(Actor actor, @PathVariable String orgId, @ModelAttribute("filter") TicketFilter filter,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        OrganizationId organization = OrganizationId.parse(orgId);
        String base = "/organizations/" + organization + "/requests";
        PageRequest page = new PageRequest(filter.pageNumber() - 1, PAGE_SIZE);
        PageResult<RequestView> result = requests.forOrganization(actor, organization, filter.statusValue(), page);
        model.addAttribute("orgId", organization.toString());
        model.addAttribute("list", list(result, page, filter, base, false, ticket -> new Row(ticket, base + "/" + ticket.id(), false)));
        model.addAttribute("statuses", RequestStatus.values());
        response.addHeader("Vary", "HX-Request");
        if (htmx(request)) {
            // The address bar shows the tidy address of what is on screen.
            response.setHeader("HX-Push-Url", filter.url(base, false, filter.pageNumber()));
            return "requests/mine :: results";
        }
        return "requests/mine";
    }

    @GetMapping("/organizations/{orgId}/requests/{id}")
    String ticket(Actor actor, @PathVariable String orgId, @PathVariable String id, Locale locale, Model model) {
        RequestView ticket = inOrganization(actor, orgId, id);
        return show(model, actor, ticket, false, locale);
    }

    @PostMapping("/organizations/{orgId}/requests/{id}/comments")
    String comment(Actor actor, @PathVariable String orgId, @PathVariable String id, CommentForm form, Locale locale,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        RequestView ticket = inOrganization(actor, orgId, id);
        return comment(actor, ticket, false, form, locale, model, response, redirect);
    }

    /** Cancelling asks first; a ticket no longer open says why at once instead. */
    @PostMapping("/organizations/{orgId}/requests/{id}/cancel")
    String cancel(Actor actor, @PathVariable String orgId, @PathVariable String id,
            @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed, Locale locale, Model model,
            RedirectAttributes redirect) {
        RequestView ticket = inOrganization(actor, orgId, id);
        if (ticket.status() == RequestStatus.OPEN && !Confirmation.given(confirmed)) {
            model.addAttribute("confirmation", questions.cancellation(ticket, href(ticket, false), locale));
            return "confirm";
        }
        try {
            requests.cancel(actor, UUID.fromString(ticket.id()));
            redirect.addFlashAttribute("flash", text(locale, "requests.flash.cancelled", ticket.number()));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("flashError", text(locale, e.messageCode()));
        } catch (ForbiddenException e) {
            redirect.addFlashAttribute("flashError", text(locale, e.reasonCode()));
        }
        return "redirect:" + href(ticket, false);
    }

    // ---- the support queue

    @GetMapping("/requests")
    String queue(Actor actor, @ModelAttribute("filter") TicketFilter filter, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        staffOnly(actor);
        PageRequest page = new PageRequest(filter.pageNumber() - 1, PAGE_SIZE);
        PageResult<RequestView> result = requests.queue(actor, new ChangeRequests.QueueQuery(filter.statuses(true),
                filter.organizationValue(), filter.typeValue(), filter.olderThan(), actor.userId()), page);
        model.addAttribute("list", list(result, page, filter, "/requests", true,
                ticket -> new Row(ticket, href(ticket, true), mayAssign(actor, ticket))));
        model.addAttribute("statuses", RequestStatus.values());
        model.addAttribute("types", RequestType.values());
        model.addAttribute("ages", TicketFilter.AGES);
        response.addHeader("Vary", "HX-Request");
        if (htmx(request)) {
            response.setHeader("HX-Push-Url", filter.url("/requests", true, filter.pageNumber()));
            return "requests/queue :: results";
        }
        model.addAttribute("organizations", requests.requestingOrganizations(actor));
        return "requests/queue";
    }

    @GetMapping("/requests/{id}")
    String staffTicket(Actor actor, @PathVariable String id, Locale locale, Model model) {
        return show(model, actor, forStaff(actor, id), true, locale);
    }

    @PostMapping("/requests/{id}/assign")
    String assign(Actor actor, @PathVariable String id, Locale locale, RedirectAttributes redirect) {
        RequestView ticket = forStaff(actor, id);
        try {
            requests.assignToSelf(actor, UUID.fromString(ticket.id()));
            redirect.addFlashAttribute("flash", text(locale, "requests.flash.assigned", ticket.number()));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("flashError", text(locale, e.messageCode()));
        } catch (ForbiddenException e) {
            redirect.addFlashAttribute("flashError", text(locale, e.reasonCode()));
        }
        return "redirect:" + href(ticket, true);
    }

    /**
     * "Approve" applies the change now, once asked and answered; when today's state refuses it, the
     * ticket says why and nothing changes. A ticket the actor may not decide says why at once.
     */
    @PostMapping("/requests/{id}/approve")
    String approve(Actor actor, @PathVariable String id, @RequestParam(name = Confirmation.PARAMETER, required = false) String confirmed,
            Locale locale, Model model, RedirectAttributes redirect) {
        RequestView ticket = forStaff(actor, id);
        if (!Confirmation.given(confirmed) && !ticket.status().decided() && policy.decideRequest(actor, requester(ticket)).allowed()) {
            model.addAttribute("confirmation", questions.approval(ticket, href(ticket, true), locale));
            return "confirm";
        }
        UUID request = UUID.fromString(ticket.id());
        try {
            requests.approve(actor, request);
            redirect.addFlashAttribute("flash", text(locale, "requests.flash.approved", ticket.number()));
        } catch (RequestConflictException e) {
            String message = text(locale, e.messageCode(), e.arguments().toArray());
            requests.noteConflict(actor, request, message);
            redirect.addFlashAttribute("flashError", text(locale, "requests.flash.notApplied", message));
        } catch (ConflictException e) {
            String message = text(locale, e.messageCode());
            if (!"conflict.request.decided".equals(e.messageCode())) {
                requests.noteConflict(actor, request, message);
            }
            redirect.addFlashAttribute("flashError", text(locale, "requests.flash.notApplied", message));
        } catch (ForbiddenException e) {
            redirect.addFlashAttribute("flashError", text(locale, e.reasonCode()));
        }
        return "redirect:" + href(ticket, true);
    }

    @PostMapping("/requests/{id}/reject")
    String reject(Actor actor, @PathVariable String id, RejectForm form, Locale locale, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        RequestView ticket = forStaff(actor, id);
        try {
            requests.reject(actor, UUID.fromString(ticket.id()), form.reason());
            redirect.addFlashAttribute("flash", text(locale, "requests.flash.rejected", ticket.number()));
        } catch (InvalidInputException e) {
            model.addAttribute("rejectReason", form.reason());
            return invalid(model, actor, ticket, true, e, locale, response);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("flashError", text(locale, e.messageCode()));
        } catch (ForbiddenException e) {
            redirect.addFlashAttribute("flashError", text(locale, e.reasonCode()));
        }
        return "redirect:" + href(ticket, true);
    }

    @PostMapping("/requests/{id}/comments")
    String staffComment(Actor actor, @PathVariable String id, CommentForm form, Locale locale, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        return comment(actor, forStaff(actor, id), true, form, locale, model, response, redirect);
    }

    // ---- the ticket page, for both sides

    private String show(Model model, Actor actor, RequestView ticket, boolean staff, Locale locale) {
        boolean undecided = !ticket.status().decided();
        boolean mayDecide = staff && undecided && policy.decideRequest(actor, requester(ticket)).allowed();
        model.addAttribute("title", text(locale, "requests.ticket.title", ticket.number(),
                text(locale, "requests.type." + ticket.type())));
        model.addAttribute("ticket", ticket);
        model.addAttribute("staff", staff);
        model.addAttribute("base", href(ticket, staff));
        model.addAttribute("back", staff ? "/requests" : "/organizations/" + ticket.organizationId() + "/requests");
        model.addAttribute("rows", diff.rows(ticket, locale));
        // An applied ticket says which applications were told of the change, and how far each delivery got.
        model.addAttribute("informed", ticket.status() == RequestStatus.APPLIED
                ? deliveries.forChangeRequest(UUID.fromString(ticket.id())) : null);
        model.addAttribute("mayCancel", !staff && ticket.status() == RequestStatus.OPEN);
        model.addAttribute("mayDecide", mayDecide);
        model.addAttribute("mayAssign", mayDecide && mayAssign(actor, ticket));
        // The dialog asks what the page without JavaScript asks, in the same words.
        model.addAttribute("approveQuestion", mayDecide ? questions.approve(ticket, locale) : null);
        model.addAttribute("cancelQuestion", !staff && ticket.status() == RequestStatus.OPEN ? questions.cancel(ticket, locale) : null);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "requests/ticket";
    }

    private String comment(Actor actor, RequestView ticket, boolean staff, CommentForm form, Locale locale, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            requests.comment(actor, UUID.fromString(ticket.id()), form.text());
        } catch (InvalidInputException e) {
            model.addAttribute("commentText", form.text());
            return invalid(model, actor, ticket, staff, e, locale, response);
        }
        redirect.addFlashAttribute("flash", text(locale, "requests.flash.commented"));
        return "redirect:" + href(ticket, staff) + "#timeline";
    }

    /** The ticket again, with each message next to its field and nothing changed. */
    private String invalid(Model model, Actor actor, RequestView ticket, boolean staff, InvalidInputException e, Locale locale,
            HttpServletResponse response) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        e.errors().forEach(error -> errors.computeIfAbsent(error.field(), f -> new ArrayList<>())
                .add(text(locale, error.messageCode(), error.arguments().toArray())));
        model.addAttribute("errors", errors);
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return show(model, actor, ticket, staff, locale);
    }

    // ---- looking tickets up

    /**
     * The ticket as one of the organization's pages: 404 when the organization is not the actor's
     * or the ticket belongs to another organization, exactly as for an unknown id.
     */
    private RequestView inOrganization(Actor actor, String orgId, String id) {
        OrganizationId organization = OrganizationId.parse(orgId);
        organizations.requireVisible(actor, organization);
        RequestView ticket = requests.get(actor, ChangeRequestsController.requestId(id));
        if (!ticket.organizationId().equals(organization.toString())) {
            throw new NotFoundException("request");
        }
        return ticket;
    }

    /** The staff's pages refuse everyone else before looking anything up, so they reveal nothing. */
    private RequestView forStaff(Actor actor, String id) {
        staffOnly(actor);
        return requests.get(actor, ChangeRequestsController.requestId(id));
    }

    private static void staffOnly(Actor actor) {
        if (!actor.isVendorStaff()) {
            throw new ForbiddenException("policy.vendorStaffOnly");
        }
    }

    /** Taking a ticket on is for one that is open, or in progress with someone else. */
    private boolean mayAssign(Actor actor, RequestView ticket) {
        if (ticket.status().decided() || policy.decideRequest(actor, requester(ticket)).denied()) {
            return false;
        }
        return ticket.status() == RequestStatus.OPEN || !actor.ref().label().equals(ticket.assignee());
    }

    private static UserId requester(RequestView ticket) {
        return ticket.requesterId() == null ? null : UserId.parse(ticket.requesterId());
    }

    private static String href(RequestView ticket, boolean staff) {
        return staff ? "/requests/" + ticket.id() : "/organizations/" + ticket.organizationId() + "/requests/" + ticket.id();
    }

    private static TicketList list(PageResult<RequestView> result, PageRequest page, TicketFilter filter, String base, boolean queue,
            java.util.function.Function<RequestView, Row> row) {
        List<Row> rows = result.items().stream().map(row).toList();
        long first = rows.isEmpty() ? 0 : page.offset() + 1;
        long last = page.offset() + rows.size();
        int number = filter.pageNumber();
        int lastPage = (int) Math.max(1, (result.total() + page.size() - 1) / page.size());
        String previous = number > 1 ? filter.url(base, queue, Math.min(number - 1, lastPage)) : null;
        String next = last < result.total() && !rows.isEmpty() ? filter.url(base, queue, number + 1) : null;
        return new TicketList(rows, result.total(), first, last, previous, next);
    }

    private String text(Locale locale, String code, Object... arguments) {
        return messages.getMessage(code, arguments.length == 0 ? null : arguments, code, locale);
    }

    /** An htmx request wants a fragment, except when it restores history: then the whole page. */
    private static boolean htmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request")) && request.getHeader("HX-History-Restore-Request") == null;
    }
}
