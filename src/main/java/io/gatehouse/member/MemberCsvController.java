package io.gatehouse.member;

import io.gatehouse.access.Actor;
import io.gatehouse.access.Role;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.OrganizationId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Members")
class MemberCsvController {

    private final MemberExport export;

    MemberCsvController(MemberExport export) {
        this.export = export;
    }

    @GetMapping("/api/v1/organizations/{orgId}/members.csv")
    @Operation(summary = "Export users as CSV (UTF-8 with BOM), one row per role: the same filters as the list; "
            + "scope=all adds every other organization whose members you manage")
    void export(Actor actor, @PathVariable String orgId,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Role role,
            @RequestParam(required = false) String application,
            @RequestParam(required = false) String right,
            @RequestParam(required = false) String site,
            @RequestParam(required = false) MemberStatus status,
            @RequestParam(required = false) Boolean hasApplication,
            @Parameter(description = "organization (default) or all") @RequestParam(required = false) String scope,
            Locale locale, HttpServletResponse response) throws IOException {
        if (scope != null && !scope.isBlank() && !"all".equals(scope) && !"organization".equals(scope)) {
            throw InvalidInputException.of("scope", "validation.invalid");
        }
        MemberQuery query = new MemberQuery(q, role, application, right, MemberQuery.site(site), MemberQuery.status(status), Boolean.TRUE.equals(hasApplication), null);
        MemberExport.Plan plan = export.plan(actor, OrganizationId.parse(orgId), "all".equals(scope));
        export.send(actor, plan, query, locale, response);
    }
}
