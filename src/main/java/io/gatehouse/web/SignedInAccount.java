package io.gatehouse.web;

import io.gatehouse.shared.UserId;
import io.gatehouse.user.AccountView;
import io.gatehouse.user.Accounts;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The signed-in person's account, read once per request: the language, the date formats and the
 * page frame all need it, and the next request reads it afresh.
 */
@Component
class SignedInAccount {

    private static final String ATTRIBUTE = SignedInAccount.class.getName();
    private static final Object NOBODY = new Object();

    private final Accounts accounts;

    SignedInAccount(Accounts accounts) {
        this.accounts = accounts;
    }

    Optional<AccountView> of(HttpServletRequest request) {
        Object cached = request == null ? null : request.getAttribute(ATTRIBUTE);
        if (cached instanceof AccountView me) {
            return Optional.of(me);
        }
        if (cached == NOBODY) {
            return Optional.empty();
        }
        Optional<AccountView> me = read();
        if (request != null) {
            request.setAttribute(ATTRIBUTE, me.isPresent() ? me.get() : NOBODY);
        }
        return me;
    }

    /** After a change to the account, the rest of the request reads it again. */
    void forget(HttpServletRequest request) {
        request.removeAttribute(ATTRIBUTE);
    }

    private Optional<AccountView> read() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        try {
            return Optional.of(accounts.find(UserId.parse(authentication.getName())));
        } catch (RuntimeException e) {
            // Gone, signed in as something other than a person (an application's client), or the database
            // unreachable: the page still renders, in the defaults.
            return Optional.empty();
        }
    }
}
