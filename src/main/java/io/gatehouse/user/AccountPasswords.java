package io.gatehouse.user;

import io.gatehouse.shared.PersonName;
import io.gatehouse.access.AccessPolicy;
import io.gatehouse.access.Actor;
import io.gatehouse.access.IdentityField;
import io.gatehouse.access.MemberFacts;
import io.gatehouse.access.Memberships;
import io.gatehouse.access.Staff;
import io.gatehouse.mail.MailRequest;
import io.gatehouse.mail.Mails;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.ForbiddenException;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountEvents.PasswordChanged;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Passwords changed from inside the portal. One's own, with the current one. Someone else's: the
 * vendor admin sets one directly (audited, the owner told, every other session and API token of
 * the account ended); anyone who may edit the account can only send its owner a reset link, to
 * the owner's own address.
 */
@Service
@Transactional
public class AccountPasswords {

    private final UserAccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final AccessPolicy policy;
    private final Memberships memberships;
    private final Staff staff;
    private final PasswordResets resets;
    private final Mails mails;
    private final ApplicationEventPublisher events;

    AccountPasswords(UserAccountRepository accounts, PasswordEncoder passwordEncoder, PasswordPolicy passwordPolicy,
            AccessPolicy policy, Memberships memberships, Staff staff, PasswordResets resets, Mails mails,
            ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.passwordPolicy = passwordPolicy;
        this.policy = policy;
        this.memberships = memberships;
        this.staff = staff;
        this.resets = resets;
        this.mails = mails;
        this.events = events;
    }

    /** One's own password, proven by the current one; every other session and API token of the account ends. */
    public void changeOwn(Actor actor, String currentPassword, String newPassword) {
        changeOwn(actor, currentPassword, newPassword, true);
    }

    /** As above; with {@code revokeApiTokens} false the account's API tokens keep working. */
    public void changeOwn(Actor actor, String currentPassword, String newPassword, boolean revokeApiTokens) {
        UserAccount account = accounts.findById(actor.userId().value()).orElseThrow(() -> new NotFoundException("user"));
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, account.passwordHash())) {
            throw InvalidInputException.of("currentPassword", "validation.password.currentWrong");
        }
        passwordPolicy.require("newPassword", newPassword, account.email());
        account.changePassword(passwordEncoder.encode(newPassword));
        accounts.save(account);
        audit(actor, memberships.of(actor.userId()), "user.passwordChanged", account);
        events.publishEvent(new PasswordChanged(actor.userId(), revokeApiTokens));
    }

    /** The vendor admin's direct path. One's own password is changed with the current one instead. */
    public void set(Actor actor, UserId id, String newPassword) {
        UserAccount account = visible(actor, id);
        List<MemberFacts> targetMemberships = memberships.of(id);
        if (actor.isSelf(id)) {
            throw new ForbiddenException("policy.identity.ownPasswordNeedsCurrent");
        }
        policy.changeIdentity(actor, id, targetMemberships, staff.roleOf(id).isPresent(), IdentityField.PASSWORD).orThrow();
        if (account.invited()) {
            throw InvalidInputException.of("password", "validation.password.invitedAccount");
        }
        passwordPolicy.require("password", newPassword, account.email());
        account.changePassword(passwordEncoder.encode(newPassword));
        accounts.save(account);
        audit(actor, targetMemberships, "user.passwordSet", account);
        events.publishEvent(new PasswordChanged(id));
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("name", PersonName.orEmail(account.firstName(), account.lastName(), account.email()));
        variables.put("by", actor.label());
        variables.put("link", "/signin");
        mails.enqueue(new MailRequest(account.email(), account.language().locale(), "password-set", variables));
    }

    /** "Send a password reset": the link goes to the account's own address, never to the one who asked. */
    public void sendReset(Actor actor, UserId id) {
        UserAccount account = visible(actor, id);
        List<MemberFacts> targetMemberships = memberships.of(id);
        if (!actor.isVendorStaff() && !actor.isSelf(id) && staff.roleOf(id).isPresent()) {
            throw new ForbiddenException("policy.vendorAdminOnly");
        }
        policy.editAccount(actor, id, targetMemberships).orThrow();
        audit(actor, targetMemberships, "user.passwordResetSent", account);
        resets.request(account.email());
    }

    private UserAccount visible(Actor actor, UserId id) {
        UserAccount account = accounts.findById(id.value()).orElseThrow(() -> new NotFoundException("user"));
        if (policy.viewAccount(actor, id, memberships.of(id)).denied()) {
            throw new NotFoundException("user");
        }
        return account;
    }

    private void audit(Actor actor, List<MemberFacts> organizations, String action, UserAccount account) {
        Audited.inEach(organizations.stream().map(MemberFacts::organizationId).toList(), actor.ref(), action, "user", account.id().toString(), null, null)
                .forEach(events::publishEvent);
    }
}
