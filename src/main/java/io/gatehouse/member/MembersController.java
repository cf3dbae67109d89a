package io.gatehouse.member;

import io.gatehouse.access.Actor;
import io.gatehouse.access.Role;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import io.gatehouse.shared.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/organizations/{orgId}/members")
@Tag(name = "Members", description = "User Management: people of one organization, their role, rights and sites")
class MembersController {

    private final Members members;
    private final ApprovalRequests approvals;

    MembersController(Members members, ApprovalRequests approvals) {
        this.members = members;
        this.approvals = approvals;
    }

    record CreateMember(
            @NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.size.max}") String firstName,
            @NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.size.max}") String lastName,
            @NotBlank(message = "{validation.required}") @Email(message = "{validation.email}") @Pattern(regexp = ".+@.+", message = "{validation.email}") @Size(max = 254, message = "{validation.size.max}") String email,
            @Size(max = 254, message = "{validation.size.max}") String login,
            @Size(max = 200, message = "{validation.size.max}") String position,
            String password,
            @NotNull(message = "{validation.required}") Role role,
            List<String> rights,
            List<String> sites,
            @Size(max = 2000, message = "{validation.size.max}") String note) {
    }

    /** reason and note go with a deactivation ("blocked": true) that needs the vendor's approval. */
    record UpdateMember(Role role, List<String> rights, List<String> sites, Boolean blocked,
            @Size(max = 1000, message = "{validation.size.max}") String reason,
            @Size(max = 2000, message = "{validation.size.max}") String note) {
    }

    @GetMapping
    @Operation(summary = "The User Management list: search, filter, sort and page")
    PageResult<MemberView> list(Actor actor, @PathVariable String orgId,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Role role,
            @RequestParam(required = false) String application,
            @RequestParam(required = false) String right,
            @RequestParam(required = false) String site,
            @RequestParam(required = false) MemberStatus status,
            @RequestParam(required = false) Boolean hasApplication,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        MemberQuery query = new MemberQuery(q, role, application, right, MemberQuery.site(site), MemberQuery.status(status),
                Boolean.TRUE.equals(hasApplication), MemberSort.parse(sort));
        return members.list(actor, OrganizationId.parse(orgId), query, PageRequest.of(page, size));
    }

    @PostMapping
    @Operation(summary = "Create new user: a new account, or a new membership for an existing one (same email). "
            + "In a vendor-managed organization an organization admin gets 202 and a request instead: nothing changes "
            + "until the vendor approves it")
    ResponseEntity<?> create(Actor actor, @PathVariable String orgId, @Valid @RequestBody CreateMember body) {
        OrganizationId organization = OrganizationId.parse(orgId);
        Members.NewMember member = new Members.NewMember(body.firstName(), body.lastName(), body.email().strip(), body.login(),
                body.position(), body.password(), body.role(), body.rights(), body.sites());
        if (members.needsApproval(actor, organization, null, body.rights())) {
            return ResponseEntity.accepted().body(approvals.newUser(actor, organization, member, body.note()));
        }
        MemberView created = members.add(actor, organization, member);
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + orgId + "/members/" + created.userId())).body(created);
    }

    @GetMapping("/{userId}")
    MemberView get(Actor actor, @PathVariable String orgId, @PathVariable String userId) {
        return members.get(actor, OrganizationId.parse(orgId), UserId.parse(userId));
    }

    @PatchMapping("/{userId}")
    @Operation(summary = "Change role, access rights or sites, or block the member in this organization. In a "
            + "vendor-managed organization an organization admin gets 202 and a request instead: a rights change, or with "
            + "\"blocked\": true and a reason, a deactivation. While one of the same kind for the person is still to decide, "
            + "another answers 409 with the open one's requestId and requestNumber")
    ResponseEntity<?> update(Actor actor, @PathVariable String orgId, @PathVariable String userId,
            @Valid @RequestBody UpdateMember body) {
        OrganizationId organization = OrganizationId.parse(orgId);
        UserId user = UserId.parse(userId);
        if (members.needsApproval(actor, organization, user, body.rights())) {
            members.get(actor, organization, user);
            if (Boolean.TRUE.equals(body.blocked())) {
                return ResponseEntity.accepted().body(approvals.deactivation(actor, organization, user, body.reason(), body.note()));
            }
            if (body.blocked() != null) {
                throw new io.gatehouse.shared.ForbiddenException("policy.vendorManaged");
            }
            return ResponseEntity.accepted().body(approvals.accessChange(actor, organization, user, body.role(), body.rights(),
                    body.sites(), body.note()));
        }
        return ResponseEntity.ok(members.change(actor, organization, user,
                new Members.MemberChange(body.role(), body.rights(), body.sites(), body.blocked())));
    }

    @DeleteMapping("/{userId}")
    @Operation(summary = "Remove from this organization; the account stays")
    ResponseEntity<Void> remove(Actor actor, @PathVariable String orgId, @PathVariable String userId) {
        OrganizationId organization = OrganizationId.parse(orgId);
        if (members.needsApproval(actor, organization, UserId.parse(userId), null)) {
            // The vendor decides who leaves a vendor-managed organization: ask for a deactivation.
            members.get(actor, organization, UserId.parse(userId));
            throw new io.gatehouse.shared.ForbiddenException("policy.vendorManaged");
        }
        members.remove(actor, organization, UserId.parse(userId));
        return ResponseEntity.noContent().build();
    }
}
