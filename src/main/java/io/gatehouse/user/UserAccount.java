package io.gatehouse.user;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

@Table("user_account")
class UserAccount {

    @Id
    private UUID id;

    private String firstName;

    private String lastName;

    private String email;

    private String emailKey;

    private String login;

    private String loginKey;

    private String position;

    private String passwordHash;

    private AccountStatus status;

    private String language;

    private String dateFormat;

    private String timeZone;

    private Instant createdAt;

    private Instant lastSignInAt;

    private UUID preferredOrganizationId;

    private Instant termsAcceptedAt;

    private String termsVersion;

    @Version
    private long version;

    protected UserAccount() {
    }

    UserAccount(NewAccount account, String passwordHash, Instant now) {
        this.id = UUID.randomUUID();
        this.status = AccountStatus.ACTIVE;
        this.createdAt = now;
        this.passwordHash = passwordHash;
        rename(account.firstName(), account.lastName());
        changeEmail(account.email());
        changeLogin(account.login() == null ? account.email() : account.login());
        movePosition(account.position());
        prefer(account.language(), account.dateFormat(), account.timeZone());
    }

    /** An invited person: known by their address only until they register. */
    static UserAccount invited(String email, Language language, Instant now) {
        UserAccount account = new UserAccount();
        account.id = UUID.randomUUID();
        account.status = AccountStatus.INVITED;
        account.createdAt = now;
        account.rename("", "");
        account.changeEmail(email);
        account.changeLogin(email);
        account.prefer(language, DateFormat.DAY_MONTH_YEAR, "UTC");
        return account;
    }

    /** The invited person chose their name, password and language and accepted the terms of use. */
    void register(String first, String last, String newHash, Language newLanguage, Instant now) {
        if (status != AccountStatus.INVITED) {
            throw new IllegalStateException("only an invited account registers");
        }
        rename(first, last);
        this.passwordHash = newHash;
        this.language = newLanguage.code();
        this.termsAcceptedAt = now;
        this.termsVersion = TermsOfUse.CURRENT_VERSION;
        this.status = AccountStatus.ACTIVE;
    }

    /** The terms the person accepted, and when; empty until they register. */
    java.util.Optional<TermsOfUse> terms() {
        return termsAcceptedAt == null ? java.util.Optional.empty()
                : java.util.Optional.of(new TermsOfUse(termsVersion == null ? TermsOfUse.CURRENT_VERSION : termsVersion, termsAcceptedAt));
    }

    boolean disabled() {
        return status == AccountStatus.DISABLED;
    }

    boolean invited() {
        return status == AccountStatus.INVITED;
    }

    static String key(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    void rename(String first, String last) {
        this.firstName = first.strip();
        this.lastName = last.strip();
    }

    void changeEmail(String newEmail) {
        this.email = newEmail.strip();
        this.emailKey = key(newEmail);
    }

    void changeLogin(String newLogin) {
        this.login = newLogin.strip();
        this.loginKey = key(newLogin);
    }

    /** A new address; a login that was the old address follows it, unless another account signs in with it. */
    void readdress(String newEmail, boolean loginTakenElsewhere) {
        boolean loginFollowsEmail = login.equalsIgnoreCase(email);
        changeEmail(newEmail);
        if (loginFollowsEmail && !loginTakenElsewhere) {
            changeLogin(newEmail);
        }
    }

    void movePosition(String newPosition) {
        this.position = newPosition == null || newPosition.isBlank() ? null : newPosition.strip();
    }

    void prefer(Language newLanguage, DateFormat newDateFormat, String newTimeZone) {
        this.language = newLanguage.code();
        this.dateFormat = newDateFormat.pattern();
        this.timeZone = newTimeZone;
    }

    void changePassword(String newHash) {
        this.passwordHash = newHash;
    }

    void disable() {
        this.status = AccountStatus.DISABLED;
    }

    void enable() {
        if (status == AccountStatus.DISABLED) {
            this.status = passwordHash == null ? AccountStatus.INVITED : AccountStatus.ACTIVE;
        }
    }

    void preferOrganization(UUID organizationId) {
        this.preferredOrganizationId = organizationId;
    }

    UUID preferredOrganizationId() {
        return preferredOrganizationId;
    }

    void signedIn(Instant at) {
        this.lastSignInAt = at;
    }

    boolean active() {
        return status == AccountStatus.ACTIVE;
    }

    /** What the audit trail records of an account: never the password hash. */
    Map<String, Object> snapshot() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("firstName", firstName);
        state.put("lastName", lastName);
        state.put("email", email);
        state.put("login", login);
        state.put("position", position);
        state.put("status", status.name());
        state.put("language", language);
        state.put("dateFormat", dateFormat);
        state.put("timeZone", timeZone);
        return state;
    }

    UUID id() {
        return id;
    }

    String firstName() {
        return firstName;
    }

    String lastName() {
        return lastName;
    }

    String email() {
        return email;
    }

    String login() {
        return login;
    }

    String position() {
        return position;
    }

    String passwordHash() {
        return passwordHash;
    }

    AccountStatus status() {
        return status;
    }

    Language language() {
        return Language.of(language);
    }

    DateFormat dateFormat() {
        return DateFormat.of(dateFormat);
    }

    String timeZone() {
        return timeZone;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant lastSignInAt() {
        return lastSignInAt;
    }
}
