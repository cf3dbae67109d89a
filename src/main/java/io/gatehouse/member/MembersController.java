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

    MembersController(Members members) {
        this.members = members;
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
            List<String> sites) {
    }

    record UpdateMember(Role role, List<String> rights, List<String> sites, Boolean blocked) {
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
        MemberQuery query = new MemberQuery(q, role, application, right, MemberQuery.site(site), status,
                Boolean.TRUE.equals(hasApplication), MemberSort.parse(sort));
        return members.list(actor, OrganizationId.parse(orgId), query, PageRequest.of(page, size));
    }

    @PostMapping
    @Operation(summary = "Create new user: a new account, or a new membership for an existing one (same email)")
    ResponseEntity<MemberView> create(Actor actor, @PathVariable String orgId, @Valid @RequestBody CreateMember body) {
        MemberView created = members.add(actor, OrganizationId.parse(orgId), new Members.NewMember(body.firstName(),
                body.lastName(), body.email().strip(), body.login(), body.position(), body.password(), body.role(),
                body.rights(), body.sites()));
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + orgId + "/members/" + created.userId())).body(created);
    }

    @GetMapping("/{userId}")
    MemberView get(Actor actor, @PathVariable String orgId, @PathVariable String userId) {
        return members.get(actor, OrganizationId.parse(orgId), UserId.parse(userId));
    }

    @PatchMapping("/{userId}")
    @Operation(summary = "Change role, access rights or sites, or block the member in this organization")
    MemberView update(Actor actor, @PathVariable String orgId, @PathVariable String userId, @RequestBody UpdateMember body) {
        return members.change(actor, OrganizationId.parse(orgId), UserId.parse(userId),
                new Members.MemberChange(body.role(), body.rights(), body.sites(), body.blocked()));
    }

    @DeleteMapping("/{userId}")
    @Operation(summary = "Remove from this organization; the account stays")
    ResponseEntity<Void> remove(Actor actor, @PathVariable String orgId, @PathVariable String userId) {
        members.remove(actor, OrganizationId.parse(orgId), UserId.parse(userId));
        return ResponseEntity.noContent().build();
    }
}
