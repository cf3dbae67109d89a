package io.gatehouse.member;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Catalog;
import io.gatehouse.access.CatalogRight;
import io.gatehouse.organization.OrganizationView;
import io.gatehouse.organization.Organizations;
import io.gatehouse.organization.SiteView;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import io.gatehouse.user.Accounts;
import io.gatehouse.web.PersonFormats;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * "Export users": the filtered list as CSV, one row per membership (a person in two organizations
 * appears twice), streamed a batch at a time straight to the response.
 */
@Component
class MemberExport {

    private static final int BATCH = 500;
    private static final List<String> COLUMNS = List.of("firstName", "lastName", "email", "login", "created", "status",
            "versionUsed", "language", "location", "company", "role", "sites", "applications");

    private final Members members;
    private final MemberAccounts accounts;
    private final Organizations organizations;
    private final AccessPolicy policy;
    private final Catalog catalog;
    private final Accounts people;
    private final PersonFormats dates;
    private final MessageSource messages;
    private final Clock clock;

    MemberExport(Members members, MemberAccounts accounts, Organizations organizations, AccessPolicy policy, Catalog catalog,
            Accounts people, PersonFormats dates, MessageSource messages, Clock clock) {
        this.members = members;
        this.accounts = accounts;
        this.organizations = organizations;
        this.policy = policy;
        this.catalog = catalog;
        this.people = people;
        this.dates = dates;
        this.messages = messages;
        this.clock = clock;
    }

    /** What will be exported, decided before a byte is written so a refusal is still a proper error page. */
    record Plan(List<OrganizationView> organizations, String fileName) {
    }

    /**
     * The organization in the address must be one the actor manages members of; with "all my
     * organizations" every other one they manage members of comes too (for vendor staff: all).
     */
    Plan plan(Actor actor, OrganizationId organization, boolean allMine) {
        OrganizationView current = organizations.get(actor, organization);
        policy.manageMembers(actor, organization).orThrow();
        LocalDate today = LocalDate.now(clock.withZone(zone(actor)));
        if (!allMine) {
            return new Plan(List.of(current), "users-" + current.name() + "-" + today + ".csv");
        }
        List<OrganizationView> managed = new ArrayList<>();
        int page = 0;
        while (true) {
            PageResult<OrganizationView> batch = organizations.list(actor, null, new PageRequest(page, PageRequest.MAX_SIZE));
            batch.items().stream()
                    .filter(o -> policy.manageMembers(actor, OrganizationId.parse(o.id())).allowed())
                    .forEach(managed::add);
            if ((long) (page + 1) * PageRequest.MAX_SIZE >= batch.total() || batch.items().isEmpty()) {
                break;
            }
            page++;
        }
        return new Plan(managed, "users-all-organizations-" + today + ".csv");
    }

    void send(Actor actor, Plan plan, MemberQuery query, Locale locale, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", contentDisposition(plan.fileName()));
        response.setHeader("Cache-Control", "no-store");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 64 * 1024);
        write(actor, plan, query, locale, out);
        out.flush();
    }

    void write(Actor actor, Plan plan, MemberQuery query, Locale locale, Writer out) {
        MemberCsv csv = new MemberCsv(out).bom();
        csv.row(COLUMNS.stream().map(c -> message("export.column." + c, locale)).toList());
        Map<String, CatalogRight> rights = catalog.rightsByName();
        String allSites = message("export.allSites", locale);
        Map<String, String> labels = new HashMap<>();
        for (OrganizationView organization : plan.organizations()) {
            OrganizationId id = OrganizationId.parse(organization.id());
            Map<String, String> siteNames = organizations.sites(id).stream()
                    .collect(Collectors.toMap(SiteView::id, SiteView::name));
            List<MemberView> batch = new ArrayList<>(BATCH);
            Runnable flush = () -> {
                Map<String, MemberAccounts.Facts> facts = accounts.of(id, batch.stream().map(MemberView::userId).toList());
                for (MemberView member : batch) {
                    MemberAccounts.Facts account = facts.get(member.userId());
                    csv.row(List.of(member.firstName(), member.lastName(), member.email(), member.login(),
                            account == null ? "" : dates.date(account.createdAt()),
                            labels.computeIfAbsent("export.status." + member.status().name(), code -> message(code, locale)),
                            account == null ? "" : account.versionUsed(),
                            account == null ? "" : labels.computeIfAbsent("export.language." + account.language(),
                                    code -> messages.getMessage(code, null, account.language(), locale)),
                            organization.region(), organization.name(), roleName(member),
                            member.allSites() ? allSites : String.join("; ", MemberRow.siteNames(member.sites(), siteNames)),
                            String.join("; ", MemberRow.applications(member.rights(), rights))));
                }
                batch.clear();
            };
            members.export(actor, id, query, member -> {
                batch.add(member);
                if (batch.size() >= BATCH) {
                    flush.run();
                }
            });
            flush.run();
        }
    }

    private static String roleName(MemberView member) {
        String name = member.role().name();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    private String message(String code, Locale locale) {
        return messages.getMessage(code, null, locale);
    }

    private ZoneId zone(Actor actor) {
        try {
            return ZoneId.of(people.find(actor.userId()).timeZone());
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** A plain ASCII name for old clients and the exact one (RFC 6266 / 5987) for the rest. */
    static String contentDisposition(String fileName) {
        String safe = fileName.strip().replaceAll("[\\s/\\\\:*?\"<>|;,]+", "-").replaceAll("-{2,}", "-");
        String ascii = safe.replaceAll("[^A-Za-z0-9._-]", "_");
        String encoded = URLEncoder.encode(safe, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
