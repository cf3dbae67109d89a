package io.gatehouse.member;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Catalog;
import io.gatehouse.access.CatalogApplication;
import io.gatehouse.access.CatalogRight;
import io.gatehouse.access.Role;
import io.gatehouse.organization.Organizations;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.InvalidInputException.FieldError;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import io.gatehouse.shared.PortalPage;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.PasswordGenerator;
import io.gatehouse.user.PasswordPolicy;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * User Management: the list of an organization's people, "Create new user" and "Export users". In
 * a vendor-managed organization an organization admin sees the team table instead, and "Create
 * new user" sends a request to the vendor.
 */
@PortalPage
class MemberListPages {

    private static final List<String> SORTABLE = List.of("name", "email", "login", "role", "status");
    private static final List<String> COLUMNS = List.of("name", "email", "login", "role", "applications", "sites", "status");
    /** The columns of the reseller's team table, as its article lists them. */
    private static final List<String> TEAM_COLUMNS = List.of("name", "email", "login", "role", "applications");

    private final Members members;
    private final Organizations organizations;
    private final Catalog catalog;
    private final AccessPolicy policy;
    private final GrantableAccess grantable;
    private final PasswordGenerator passwords;
    private final PasswordPolicy passwordPolicy;
    private final Accounts accounts;
    private final MemberExport export;
    private final MessageSource messages;
    private final ApprovalRequests approvals;
    private final String vendor;

    MemberListPages(Members members, Organizations organizations, Catalog catalog, AccessPolicy policy, GrantableAccess grantable,
            PasswordGenerator passwords, PasswordPolicy passwordPolicy, Accounts accounts, MemberExport export,
            MessageSource messages, ApprovalRequests approvals, @Value("${gatehouse.vendor.name:Gatehouse}") String vendor) {
        this.members = members;
        this.organizations = organizations;
        this.catalog = catalog;
        this.policy = policy;
        this.grantable = grantable;
        this.passwords = passwords;
        this.passwordPolicy = passwordPolicy;
        this.accounts = accounts;
        this.export = export;
        this.messages = messages;
        this.approvals = approvals;
        this.vendor = vendor;
    }

    /** A column header: a link that sorts by it, and which way the table is sorted by it now. */
    public record Header(String key, String href, String ariaSort) {
    }

    /** team: the reseller's team table of a vendor-managed organization, where changes are requested. */
    public record ListPage(String orgId, MemberFilter filter, List<MemberRow> rows, long total, long first, long last,
            List<Header> headers, String previousUrl, String nextUrl, String exportUrl, String exportAllUrl, boolean team) {

        public boolean clearable() {
            return filter.clearable(team);
        }

        /** Sorted by last name, the names read "Last, First" so the order is the one seen. */
        public boolean byLastName() {
            return filter.order().sort() == MemberSort.NAME;
        }
    }

    public record Options(List<Role> roles, List<String> applications, List<CatalogRight> rights, List<SiteView> sites,
            List<MemberStatus> statuses) {
    }

    /** Shown once on the list after "Save": who was added and, when generated, their password. */
    public record Created(String name, String userId, String password, boolean existingAccount) implements Serializable {
    }

    // ---- the list

    @GetMapping("/organizations/{orgId}/users")
    String list(Actor actor, @PathVariable String orgId, @ModelAttribute("filter") MemberFilter filter,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            @RequestHeader(value = "HX-History-Restore-Request", required = false) String historyRestore,
            HttpServletResponse response, Model model) {
        OrganizationId organization = OrganizationId.parse(orgId);
        organizations.requireVisible(actor, organization);
        policy.manageMembers(actor, organization).orThrow();
        boolean team = members.needsApproval(actor, organization, null, null);
        if (team) {
            filter = filter.withApplicationByDefault();
            model.addAttribute("filter", filter);
        }
        PageRequest request = new PageRequest(filter.pageNumber() - 1, PageRequest.DEFAULT_SIZE);
        PageResult<MemberView> page = members.list(actor, organization, filter.query(), request);
        List<SiteView> sites = organizations.sites(organization);
        List<io.gatehouse.access.CatalogApplication> applications = catalog.applications();
        Map<String, CatalogRight> rights = new java.util.LinkedHashMap<>();
        applications.forEach(a -> a.rights().forEach(r -> rights.put(r.name(), r)));
        Map<String, String> siteNames = sites.stream().collect(Collectors.toMap(SiteView::id, SiteView::name));
        String base = "/organizations/" + organization + "/users";
        Locale locale = LocaleContextHolder.getLocale();
        boolean byLastName = filter.order().sort() == MemberSort.NAME;
        MemberRow.Words words = (code, arguments) -> messages.getMessage(code, arguments, locale);
        List<MemberRow> rows = page.items().stream().map(view -> MemberRow.of(view, rights, siteNames, base, byLastName, words))
                .toList();

        long first = rows.isEmpty() ? 0 : request.offset() + 1;
        long last = request.offset() + rows.size();
        int number = filter.pageNumber();
        // Past the end (an old bookmark), "Previous" leads to the last page there is.
        int lastPage = (int) Math.max(1, (page.total() + request.size() - 1) / request.size());
        String previous = number > 1 ? base + filter.withPage(Math.min(number - 1, lastPage)).queryString(true) : null;
        String next = last < page.total() && !rows.isEmpty() ? base + filter.withPage(number + 1).queryString(true) : null;
        String exportUrl = base + "/export.csv" + filter.queryString(false);
        String exportAll = managesSeveral(actor)
                ? exportUrl + (exportUrl.contains("?") ? "&" : "?") + "scope=all" : null;
        model.addAttribute("list", new ListPage(organization.toString(), filter, rows, page.total(), first, last,
                headers(base, filter, team ? TEAM_COLUMNS : COLUMNS), previous, next, exportUrl, exportAll, team));
        if (team) {
            model.addAttribute("externalApplications", catalog.applications().stream()
                    .filter(CatalogApplication::managedExternally).map(CatalogApplication::name).toList());
            model.addAttribute("mayDeactivate", policy.blockMembers(actor, organization).allowed());
            // What each row has asked for and is still waiting on, so nobody asks twice.
            Map<String, List<ApprovalRequests.Pending>> pending = approvals.pending(actor, organization);
            model.addAttribute("pendingRights", asking(pending, ApprovalRequests.Asked.RIGHTS_CHANGE));
            model.addAttribute("pendingDeactivation", asking(pending, ApprovalRequests.Asked.DEACTIVATION));
        }

        // The same address serves the whole page and, for htmx, just the table, so caches must tell them apart.
        response.addHeader("Vary", "HX-Request");
        if (htmx != null && historyRestore == null) {
            // The address bar shows the tidy address of what is on screen, without the form's empty fields.
            response.setHeader("HX-Push-Url", base + filter.queryString(true));
            model.addAttribute("oob", true);
            return "members/list :: results";
        }
        model.addAttribute("options", new Options(List.of(Role.values()),
                applications.stream().map(a -> a.name()).toList(), List.copyOf(rights.values()), sites,
                // One choice per word people read: "Active" covers those who signed in after an invitation.
                Arrays.stream(MemberStatus.values()).filter(s -> s != MemberStatus.CONNECTED).toList()));
        return "members/list";
    }

    /** Each person's open requests of one kind; only people who have one are listed. */
    private static Map<String, List<ApprovalRequests.Pending>> asking(Map<String, List<ApprovalRequests.Pending>> pending,
            ApprovalRequests.Asked asked) {
        Map<String, List<ApprovalRequests.Pending>> result = new LinkedHashMap<>();
        pending.forEach((person, open) -> {
            List<ApprovalRequests.Pending> some = open.stream().filter(p -> p.asked() == asked).toList();
            if (!some.isEmpty()) {
                result.put(person, some);
            }
        });
        return result;
    }

    private List<Header> headers(String base, MemberFilter filter, List<String> columns) {
        MemberSort.Order order = filter.order();
        String current = filter.sortParam();
        List<Header> headers = new ArrayList<>();
        for (String column : columns) {
            if (!SORTABLE.contains(column)) {
                headers.add(new Header(column, null, null));
                continue;
            }
            boolean sorted = current.equals(column) || current.equals("-" + column);
            String sort = sorted && !order.descending() ? "-" + column : column;
            headers.add(new Header(column, base + filter.withSort(sort).queryString(true),
                    sorted ? (order.descending() ? "descending" : "ascending") : null));
        }
        return headers;
    }

    /** "All my organizations" is worth offering only to someone who manages members in more than one. */
    private boolean managesSeveral(Actor actor) {
        return actor.isVendorStaff() || actor.organizations().keySet().stream()
                .filter(id -> policy.manageMembers(actor, id).allowed()).limit(2).count() > 1;
    }

    // ---- Create new user

    @GetMapping("/organizations/{orgId}/users/new")
    String newUser(Actor actor, @PathVariable String orgId, Model model) {
        OrganizationId organization = mayManage(actor, orgId);
        GrantableAccess.Offer offer = grantable.offer(actor, organization);
        Role role = offer.roles().contains(Role.USER) || offer.roles().isEmpty() ? Role.USER : offer.roles().get(0);
        NewUserForm form = new NewUserForm("", "", "", "", "", "", null, role.name(), List.of(), List.of(), "");
        return form(model, organization, offer, form, Map.of(), null, members.needsApproval(actor, organization, null, null));
    }

    @PostMapping("/organizations/{orgId}/users/new")
    String create(Actor actor, @PathVariable String orgId, @ModelAttribute("form") NewUserForm form, Locale locale,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        OrganizationId organization = mayManage(actor, orgId);
        boolean viaRequest = viaRequest(actor, organization, form.rights());
        List<FieldError> errors = new ArrayList<>(viaRequest ? form.requestErrors() : form.errors());
        if (!viaRequest && !form.generate() && !form.password().isEmpty()) {
            passwordPolicy.violations(form.password(), form.email()).forEach(code -> errors.add(new FieldError("password", code,
                    List.of(PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_LENGTH))));
        }
        String reason = null;
        if (errors.isEmpty() && viaRequest) {
            try {
                ApprovalRequests.Receipt receipt = approvals.newUser(actor, organization, new Members.NewMember(form.firstName(),
                        form.lastName(), form.email(), null, form.position().isEmpty() ? null : form.position(), null,
                        form.roleValue(), form.rights(), form.sites()), form.note());
                redirect.addFlashAttribute("sent", RequestSent.of(receipt, vendor));
                return "redirect:/organizations/" + organization + "/users";
            } catch (InvalidInputException e) {
                errors.addAll(e.errors());
            } catch (ConflictException e) {
                // A seat limit says how many are used of how many: its arguments go with it.
                errors.add(new FieldError(e.field(), e.messageCode(), e.arguments()));
            } catch (ForbiddenException e) {
                reason = e.reasonCode();
            }
        } else if (errors.isEmpty()) {
            boolean existing = accounts.findByEmail(form.email()).isPresent();
            String password = form.generate() ? passwords.generate(form.email()) : form.password();
            try {
                MemberView created = members.add(actor, organization, new Members.NewMember(form.firstName(), form.lastName(),
                        form.email(), form.login().isEmpty() ? null : form.login(),
                        form.position().isEmpty() ? null : form.position(), password, form.roleValue(), form.rights(),
                        form.sites()));
                // An existing account is named by the address typed: its owner's profile is not the answer.
                String shown = existing ? created.email() : (created.firstName() + " " + created.lastName()).strip();
                redirect.addFlashAttribute("created", new Created(shown, created.userId(),
                        form.generate() && !existing ? password : null, existing));
                return "redirect:/organizations/" + organization + "/users";
            } catch (InvalidInputException e) {
                errors.addAll(e.errors());
            } catch (ConflictException e) {
                // A seat limit says how many are used of how many: its arguments go with it.
                errors.add(new FieldError(e.field(), e.messageCode(), e.arguments()));
            } catch (ForbiddenException e) {
                reason = e.reasonCode();
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        Map<String, List<String>> byField = new LinkedHashMap<>();
        for (FieldError error : errors) {
            byField.computeIfAbsent(error.field(), f -> new ArrayList<>()).add(message(error, locale));
        }
        return form(model, organization, grantable.offer(actor, organization), form.withoutPassword(), byField,
                reason == null ? null : messages.getMessage(reason, null, reason, locale),
                members.needsApproval(actor, organization, null, null));
    }

    /**
     * Whether "Create new user" becomes a request: always in a vendor-managed organization, and
     * elsewhere when a right the vendor approves itself is ticked. Unknown rights are reported by
     * the service that gets the form.
     */
    private boolean viaRequest(Actor actor, OrganizationId organization, List<String> rights) {
        try {
            return members.needsApproval(actor, organization, null, rights);
        } catch (InvalidInputException e) {
            return members.needsApproval(actor, organization, null, null);
        }
    }

    private String form(Model model, OrganizationId organization, GrantableAccess.Offer offer, NewUserForm form,
            Map<String, List<String>> errors, String refusal, boolean requestMode) {
        model.addAttribute("requestMode", requestMode);
        model.addAttribute("vendor", vendor);
        model.addAttribute("orgId", organization.toString());
        model.addAttribute("offer", offer);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("refusal", refusal);
        return "members/new";
    }

    private String message(FieldError error, Locale locale) {
        Object[] arguments = error.arguments().isEmpty() ? null : error.arguments().toArray();
        return messages.getMessage(error.messageCode(), arguments, error.messageCode(), locale);
    }

    /** 404 for an organization the actor cannot see, 403 when they may not manage its members. */
    private OrganizationId mayManage(Actor actor, String orgId) {
        OrganizationId organization = OrganizationId.parse(orgId);
        organizations.requireVisible(actor, organization);
        policy.manageMembers(actor, organization).orThrow();
        return organization;
    }

    // ---- Export users

    @GetMapping("/organizations/{orgId}/users/export.csv")
    void exportCsv(Actor actor, @PathVariable String orgId, @ModelAttribute MemberFilter filter,
            @RequestParam(required = false) String scope, Locale locale, HttpServletResponse response) throws IOException {
        MemberExport.Plan plan = export.plan(actor, OrganizationId.parse(orgId), "all".equals(scope));
        export.send(actor, plan, filter.query(), locale, response);
    }
}
