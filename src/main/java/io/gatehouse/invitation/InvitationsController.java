package io.gatehouse.invitation;

import tools.jackson.databind.JsonNode;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Role;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/organizations/{orgId}/invitations")
@Tag(name = "Invitations", description = "Invite users by email address, up to 100 at once; pending invitations")
class InvitationsController {

    private final Invitations invitations;
    private final MessageSource messages;

    InvitationsController(Invitations invitations, MessageSource messages) {
        this.invitations = invitations;
        this.messages = messages;
    }

    record InviteBody(
            @Schema(description = "Addresses separated by semicolons, commas, spaces or new lines, or an array of addresses",
                    oneOf = {String.class, String[].class}) JsonNode emails,
            Role role, List<String> rights, List<String> sites) {
    }

    record Result(String email, InviteOutcome outcome, String message) {
    }

    record Results(List<Result> results) {
    }

    @PostMapping
    @Operation(summary = "Invite users: new addresses get an invitation, existing accounts are added at once; "
            + "more than 100 addresses is refused and nothing is sent")
    Results invite(Actor actor, @PathVariable String orgId, @RequestBody InviteBody body) {
        List<String> emails = emails(body.emails());
        List<Invitations.Verdict> verdicts = invitations.invite(actor, emails,
                List.of(new Invitations.Target(OrganizationId.parse(orgId), body.role(), body.rights(), body.sites())));
        return new Results(verdicts.stream()
                .map(v -> new Result(v.email(), v.outcome(), messages.getMessage("invitations.outcome." + v.outcome(),
                        new Object[] {v.email()}, LocaleContextHolder.getLocale())))
                .toList());
    }

    @GetMapping
    @Operation(summary = "Invitations of this organization, newest first; status PENDING, ACCEPTED, EXPIRED or REVOKED")
    List<Invitations.InvitationView> list(Actor actor, @PathVariable String orgId, @RequestParam(required = false) InvitationStatus status) {
        return invitations.list(actor, OrganizationId.parse(orgId), status);
    }

    @PostMapping("/{id}/resend")
    @Operation(summary = "Send the invitation again with a new link and a new expiry date; the old link stops working")
    Invitations.InvitationView resend(Actor actor, @PathVariable String orgId, @PathVariable String id) {
        return invitations.resend(actor, OrganizationId.parse(orgId), invitationId(id));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a pending invitation: the link stops working and the place it held goes")
    ResponseEntity<Void> revoke(Actor actor, @PathVariable String orgId, @PathVariable String id) {
        invitations.revoke(actor, OrganizationId.parse(orgId), invitationId(id));
        return ResponseEntity.noContent().build();
    }

    private static UUID invitationId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("invitation");
        }
    }

    private static List<String> emails(JsonNode node) {
        if (node == null || node.isNull()) {
            throw InvalidInputException.of("emails", "validation.invitations.empty");
        }
        if (node.isString()) {
            return List.of(node.asString());
        }
        if (node.isArray()) {
            List<String> emails = new ArrayList<>();
            node.forEach(element -> {
                if (!element.isString()) {
                    throw InvalidInputException.of("emails", "validation.invitations.notText");
                }
                emails.add(element.asString());
            });
            return emails;
        }
        throw InvalidInputException.of("emails", "validation.invitations.notText");
    }
}
