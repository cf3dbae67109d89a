package io.gatehouse.security.passkey;

import io.gatehouse.shared.PersonName;
import io.gatehouse.access.Actor;
import io.gatehouse.access.MemberFacts;
import io.gatehouse.access.Memberships;
import io.gatehouse.mail.MailRequest;
import io.gatehouse.mail.Mails;
import io.gatehouse.security.SecondFactorKind;
import io.gatehouse.shared.ActorRef;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.InputLimits;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.AccountEvents.AccountDeleted;
import io.gatehouse.user.Accounts;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's passkeys: added, named, renamed and removed by their owner only, each change audited
 * in its transaction and told by mail to the account's address. Another account's passkey is
 * "not found", never shown nor touched.
 */
@Service
public class Passkeys implements SecondFactorKind {

    /** How long a passkey's name may be. */
    public static final int NAME_MAX = 64;

    /** One passkey as its owner sees it; {@code id} is the credential id in base64url. */
    public record PasskeyView(String id, String name, Instant created, Instant lastUsed) {
    }

    private final PublicKeyCredentialUserEntityRepository users;
    private final UserCredentialRepository credentials;
    private final WebAuthnRelyingPartyOperations relyingParty;
    private final Accounts accounts;
    private final Memberships memberships;
    private final Mails mails;
    private final ApplicationEventPublisher events;

    Passkeys(PublicKeyCredentialUserEntityRepository users, UserCredentialRepository credentials, WebAuthnRelyingPartyOperations relyingParty,
            Accounts accounts, Memberships memberships, Mails mails, ApplicationEventPublisher events) {
        this.users = users;
        this.credentials = credentials;
        this.relyingParty = relyingParty;
        this.accounts = accounts;
        this.memberships = memberships;
        this.mails = mails;
        this.events = events;
    }

    @Override
    public String name() {
        return "passkey";
    }

    @Override
    @Transactional(readOnly = true)
    public int enrolled(UserId account) {
        return records(account).size();
    }

    @Override
    @Transactional
    public void removeAll(UserId account) {
        records(account).forEach(record -> credentials.delete(record.getCredentialId()));
    }

    /**
     * A deleted account's passkeys go with it, in the deletion's transaction: nothing is left that
     * could sign in, and the authenticator's user handle no longer names anyone.
     */
    @EventListener
    void on(AccountDeleted deleted) {
        PublicKeyCredentialUserEntity entity = users.findByUsername(deleted.userId().toString());
        if (entity != null) {
            users.delete(entity.getId());
        }
    }

    @Transactional(readOnly = true)
    public List<PasskeyView> list(UserId account) {
        return records(account).stream()
                .sorted(Comparator.comparing(CredentialRecord::getCreated))
                .map(Passkeys::view)
                .toList();
    }

    /**
     * Verifies a new passkey against the options given to the browser for this account and keeps it
     * under the name given.
     *
     * @throws InvalidInputException for a name refused, or a credential that does not verify
     */
    @Transactional
    public PasskeyView register(Actor actor, PublicKeyCredentialCreationOptions options, RelyingPartyPublicKey key, String name) {
        String checked = checkedName(name);
        PublicKeyCredentialUserEntity owner = users.findByUsername(actor.userId().toString());
        if (owner == null || options == null || !owner.getId().equals(options.getUser().getId()) || key == null
                || key.getCredential() == null) {
            throw InvalidInputException.of("credential", "passkeys.error.refused");
        }
        CredentialRecord record;
        try {
            record = relyingParty.registerCredential(new ImmutableRelyingPartyRegistrationRequest(options,
                    new RelyingPartyPublicKey(key.getCredential(), checked)));
        } catch (DataAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            // A signature, challenge, origin or relying party that does not match, or a passkey kept already.
            throw InvalidInputException.of("credential", "passkeys.error.refused");
        }
        PasskeyView view = view(record);
        audit(actor.ref(), actor.userId(), "passkey.registered", view.id(), null, Map.of("name", checked));
        mail(actor.userId(), "passkey-added", checked);
        return view;
    }

    @Transactional
    public PasskeyView rename(Actor actor, String id, String name) {
        String checked = checkedName(name);
        CredentialRecord record = owned(actor.userId(), id);
        credentials.save(ImmutableCredentialRecord.fromCredentialRecord(record).label(checked).build());
        audit(actor.ref(), actor.userId(), "passkey.renamed", id, Map.of("name", record.getLabel()), Map.of("name", checked));
        return new PasskeyView(id, checked, record.getCreated(), record.getLastUsed());
    }

    /** The passkey, for the question asked before removing it. */
    @Transactional(readOnly = true)
    public PasskeyView get(Actor actor, String id) {
        return view(owned(actor.userId(), id));
    }

    @Transactional
    public void remove(Actor actor, String id) {
        CredentialRecord record = owned(actor.userId(), id);
        credentials.delete(record.getCredentialId());
        audit(actor.ref(), actor.userId(), "passkey.removed", id, Map.of("name", record.getLabel()), null);
        mail(actor.userId(), "passkey-removed", record.getLabel());
    }

    /** Whose passkey this is, if it is anyone's: the throttle counts a failed assertion against them. */
    @Transactional(readOnly = true)
    public Optional<UserId> ownerOf(Bytes credentialId) {
        CredentialRecord record = credentials.findByCredentialId(credentialId);
        PublicKeyCredentialUserEntity owner = record == null ? null : users.findById(record.getUserEntityUserId());
        if (owner == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UserId.parse(owner.getName()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A sign-in with this passkey, alone or as the second step, in the audit trail. */
    @Transactional
    public void signedIn(UserId account, Bytes credentialId) {
        AccountView view = accounts.find(account);
        audit(new ActorRef(account, view.email()), account, "passkey.signedIn", credentialId.toBase64UrlString(), null, null);
    }

    private List<CredentialRecord> records(UserId account) {
        PublicKeyCredentialUserEntity owner = users.findByUsername(account.toString());
        return owner == null ? List.of() : credentials.findByUserId(owner.getId());
    }

    /** The account's own passkey, or "not found": whether another account holds that id is nobody's business. */
    private CredentialRecord owned(UserId account, String id) {
        Bytes credentialId;
        try {
            credentialId = Bytes.fromBase64(id);
        } catch (RuntimeException e) {
            throw new NotFoundException("passkey");
        }
        PublicKeyCredentialUserEntity owner = users.findByUsername(account.toString());
        CredentialRecord record = owner == null ? null : credentials.findByCredentialId(credentialId);
        if (record == null || !record.getUserEntityUserId().equals(owner.getId())) {
            throw new NotFoundException("passkey");
        }
        return record;
    }

    private static String checkedName(String name) {
        String checked = name == null ? "" : name.strip();
        if (checked.isEmpty()) {
            throw InvalidInputException.of("name", "validation.required");
        }
        if (checked.codePointCount(0, checked.length()) > NAME_MAX) {
            throw InvalidInputException.of("name", "passkeys.name.tooLong", NAME_MAX);
        }
        InputLimits.requireText("name", checked);
        return checked;
    }

    private static PasskeyView view(CredentialRecord record) {
        return new PasskeyView(record.getCredentialId().toBase64UrlString(), record.getLabel(), record.getCreated(), record.getLastUsed());
    }

    /** Once for each organization the person belongs to, so each one's trail shows it; once without one for staff. */
    private void audit(ActorRef by, UserId account, String action, String passkeyId, Map<String, Object> before, Map<String, Object> after) {
        // Whose passkey it was stays readable in the trail after the account is gone.
        Map<String, Object> was = withAccount(before, account);
        Map<String, Object> is = withAccount(after, account);
        List<MemberFacts> organizations = memberships.of(account);
        Audited.inEach(organizations.stream().map(MemberFacts::organizationId).toList(), by, action, "passkey", passkeyId, was, is).forEach(events::publishEvent);
    }

    private static Map<String, Object> withAccount(Map<String, Object> state, UserId account) {
        if (state == null) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>(state);
        copy.put("account", account.toString());
        return copy;
    }

    private void mail(UserId account, String template, String passkeyName) {
        AccountView view = accounts.find(account);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("name", PersonName.orEmail(view.firstName(), view.lastName(), view.email()));
        variables.put("passkey", passkeyName);
        variables.put("link", "/account/passkeys");
        mails.enqueue(new MailRequest(view.email(), view.language().locale(), template, variables));
    }
}
