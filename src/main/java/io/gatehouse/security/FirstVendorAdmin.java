package io.gatehouse.security;

import io.gatehouse.access.StaffRole;
import io.gatehouse.access.Staff;
import io.gatehouse.cluster.ChangeSignals;
import io.gatehouse.shared.ActorRef;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import io.gatehouse.user.NewAccount;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On a first start there is nobody to sign in as: create the vendor admin from
 * GATEHOUSE_ADMIN_EMAIL / GATEHOUSE_ADMIN_PASSWORD, or with a generated password printed once.
 * With GATEHOUSE_ADMIN_RESET_PASSWORD=true a later start gives that vendor admin a new password the
 * same way: the way back in for whoever runs the server and lost it.
 */
@Component
class FirstVendorAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstVendorAdmin.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Staff staff;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final String email;
    private final String password;
    private final boolean resetPassword;
    private final MessageSource messages;
    private final ChangeSignals signals;

    FirstVendorAdmin(Staff staff, Accounts accounts, ApplicationEventPublisher events, MessageSource messages, ChangeSignals signals,
            @Value("${gatehouse.admin.email:admin@gatehouse.local}") String email,
            @Value("${gatehouse.admin.password:}") String password,
            @Value("${gatehouse.admin.reset-password:false}") boolean resetPassword) {
        this.staff = staff;
        this.accounts = accounts;
        this.events = events;
        this.messages = messages;
        this.signals = signals;
        this.email = email;
        this.password = password;
        this.resetPassword = resetPassword;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        // Nodes started together on an empty database decide one after the other: the second finds the first's admin.
        signals.takeTurn("first-vendor-admin");
        if (!staff.anyVendorAdmin()) {
            createFirst();
        } else if (resetPassword) {
            resetPassword();
        }
    }

    /** Only a vendor admin's password is reset here: anyone else has an admin to ask. */
    private void resetPassword() {
        Optional<AccountView> admin = accounts.findByEmail(email)
                .filter(account -> staff.roleOf(account.id()).filter(StaffRole.VENDOR_ADMIN::equals).isPresent());
        if (admin.isEmpty()) {
            log.error("Password not reset: {} is not a vendor admin. Set GATEHOUSE_ADMIN_EMAIL to a vendor admin's email.", email);
            return;
        }
        boolean generated = password == null || password.isBlank();
        String secret = generated ? generate() : password;
        try {
            accounts.resetByOperator(admin.get().id(), secret);
        } catch (InvalidInputException refused) {
            log.error("Password not reset: GATEHOUSE_ADMIN_PASSWORD is refused by the password policy ({}).",
                    refused.errors().stream().map(InvalidInputException.FieldError::messageCode).toList());
            return;
        }
        if (admin.get().disabled()) {
            log.warn("{} is disabled: another vendor admin enables it again before it can sign in.", email);
        }
        if (generated) {
            log.warn("""

                    ================================================================
                     Vendor admin password reset. Sign in at the portal with:
                       email:    {}
                       password: {}
                     This password is shown only once: change it under User profile.
                     Every other session and API token of this account has ended.
                     Remove GATEHOUSE_ADMIN_RESET_PASSWORD before the next start.
                    ================================================================""", email, secret);
        } else {
            log.warn("Vendor admin password reset for {} to GATEHOUSE_ADMIN_PASSWORD; its sessions and API tokens have ended."
                    + " Remove GATEHOUSE_ADMIN_RESET_PASSWORD before the next start.", email);
        }
    }

    private void createFirst() {
        boolean generated = password == null || password.isBlank();
        String secret = generated ? generate() : password;
        Optional<AccountView> existing = accounts.findByEmail(email);
        AccountView admin;
        try {
            admin = existing.orElseGet(() -> accounts.create(ActorRef.SYSTEM,
                    new NewAccount("Vendor", "Admin", email, null, "Vendor admin", secret)));
        } catch (InvalidInputException refused) {
            // Said in words at the top of the log, not as a stack trace: the operator fixes a setting.
            throw new IllegalStateException("No vendor admin created: " + refused.errors().stream()
                    .map(error -> ("password".equals(error.field()) ? "GATEHOUSE_ADMIN_PASSWORD" : "GATEHOUSE_ADMIN_EMAIL") + " is refused: "
                            + messages.getMessage(error.messageCode(), error.arguments().toArray(), error.messageCode(), Locale.ENGLISH))
                    .collect(java.util.stream.Collectors.joining(" ")) + " Change the setting, or leave GATEHOUSE_ADMIN_PASSWORD unset"
                    + " to have a password generated and printed once.", refused);
        }
        staff.appoint(admin.id(), StaffRole.VENDOR_ADMIN);
        events.publishEvent(new Audited(ActorRef.SYSTEM, null, "staff.appointed", "user", admin.userId(), null,
                Map.of("role", StaffRole.VENDOR_ADMIN.name())));
        if (existing.isPresent()) {
            // The account keeps its own password: printing one it does not have would lock the operator out.
            log.warn("No vendor admin found: the existing account {} is now vendor admin and keeps its password.", email);
        } else if (generated) {
            log.warn("""

                    ================================================================
                     First vendor admin created. Sign in at the portal with:
                       email:    {}
                       password: {}
                     This password is shown only once: change it under User profile.
                    ================================================================""", email, secret);
        } else {
            log.info("First vendor admin created: {}", email);
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                out.append('-');
            }
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
