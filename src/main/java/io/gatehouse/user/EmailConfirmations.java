package io.gatehouse.user;

import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.Actors;
import io.gatehouse.access.Decision;
import io.gatehouse.access.IdentityField;
import io.gatehouse.access.MemberFacts;
import io.gatehouse.access.Memberships;
import io.gatehouse.access.Staff;
import io.gatehouse.shared.ActorRef;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ConflictException;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountEvents.AccountIdentityChanged;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The link sent to a new address: opening it shows the change, confirming it makes the address the
 * account's. Judged again on today's state: a requester who lost the right to make the change, or
 * an address taken meanwhile, changes nothing.
 */
@Service
@Transactional
public class EmailConfirmations {

    private final UserAccountRepository accounts;
    private final EmailChanges emailChanges;
    private final AccessPolicy policy;
    private final Actors actors;
    private final Memberships memberships;
    private final Staff staff;
    private final ApplicationEventPublisher events;

    EmailConfirmations(UserAccountRepository accounts, EmailChanges emailChanges, AccessPolicy policy, Actors actors,
            Memberships memberships, Staff staff, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.emailChanges = emailChanges;
        this.policy = policy;
        this.actors = actors;
        this.memberships = memberships;
        this.staff = staff;
        this.events = events;
    }

    /** What the link's page shows: whose address becomes which. */
    public record PendingChange(String currentEmail, String newEmail) {
    }

    @Transactional(readOnly = true)
    public Optional<PendingChange> open(String token) {
        return emailChanges.open(token).flatMap(pending -> accounts.findById(pending.userId().value())
                .map(account -> new PendingChange(account.email(), pending.newEmail())));
    }

    /**
     * Makes the new address the account's and spends the link.
     *
     * @throws NotFoundException  for a link that is unknown, used, superseded or expired
     * @throws ForbiddenException when the person who asked may no longer make this change
     * @throws ConflictException  when another account took the address meanwhile
     */
    public AccountView confirm(String token) {
        EmailChanges.Pending pending = emailChanges.open(token).orElseThrow(() -> new NotFoundException("emailChange"));
        UserAccount account = accounts.findById(pending.userId().value()).orElseThrow(() -> new NotFoundException("emailChange"));
        List<MemberFacts> targetMemberships = memberships.of(pending.userId());
        Decision still = stillAllowed(pending, targetMemberships);
        if (still.denied()) {
            throw new ForbiddenException(still.reason());
        }
        if (accounts.existsByEmailKeyAndIdNot(UserAccount.key(pending.newEmail()), account.id())) {
            throw new ConflictException("email", "conflict.account.email");
        }
        if (!emailChanges.spend(pending.id())) {
            throw new NotFoundException("emailChange");
        }
        String oldEmail = account.email();
        Map<String, Object> before = account.snapshot();
        account.readdress(pending.newEmail(), accounts.existsByLoginKeyAndIdNot(UserAccount.key(pending.newEmail()), account.id()));
        account = accounts.save(account);
        ActorRef by = pending.requester();
        audit(by, targetMemberships, account, before, account.snapshot());
        events.publishEvent(new AccountIdentityChanged(new UserId(account.id()), account.firstName(), account.lastName(),
                account.email(), account.login()));
        emailChanges.notifyOldAddress(account, oldEmail, account.email(), by, false);
        return AccountView.of(account);
    }

    /** The person who asked must still be allowed to, on today's rights and today's memberships. */
    private Decision stillAllowed(EmailChanges.Pending pending, List<MemberFacts> targetMemberships) {
        if (pending.requestedBy() == null) {
            return Decision.deny("policy.identity.requesterGone");
        }
        boolean requesterActive = accounts.findById(pending.requestedBy().value()).map(UserAccount::active).orElse(false);
        if (!requesterActive) {
            return Decision.deny("policy.identity.requesterGone");
        }
        Actor requester = actors.load(pending.requestedBy());
        return policy.changeIdentity(requester, pending.userId(), targetMemberships, staff.roleOf(pending.userId()).isPresent(),
                IdentityField.EMAIL);
    }

    private void audit(ActorRef by, List<MemberFacts> organizations, UserAccount account, Map<String, Object> before,
            Map<String, Object> after) {
        Audited.inEach(organizations.stream().map(MemberFacts::organizationId).toList(), by, "user.emailConfirmed", "user", account.id().toString(), before, after)
                .forEach(events::publishEvent);
    }
}
