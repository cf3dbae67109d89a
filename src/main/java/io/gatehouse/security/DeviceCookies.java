package io.gatehouse.security;

import io.gatehouse.shared.UserId;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * A device an account has signed in from before, as OWASP's "device cookies" describe: on a
 * successful sign-in the browser gets a cookie naming the account and a random device id, signed
 * with a key every node shares. Failures from such a device are counted for that device alone, so
 * strangers guessing the account's password never lock its owner out.
 */
@Component
class DeviceCookies {

    static final String NAME = "gatehouse_device";
    private static final String SECRET = "device-cookie";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final ServerSecrets secrets;
    private final SignInThrottle.Settings settings;
    private final Clock clock;
    private final boolean secure;

    DeviceCookies(ServerSecrets secrets, SignInThrottle.Settings settings, Clock clock,
            @Value("${server.servlet.session.cookie.secure:false}") boolean secure) {
        this.secrets = secrets;
        this.settings = settings;
        this.clock = clock;
        this.secure = secure;
    }

    /** The id of the device, when the request carries a valid, unexpired cookie of this account. */
    Optional<String> knownDevice(HttpServletRequest request, UserId account) {
        if (request == null || request.getCookies() == null) {
            return Optional.empty();
        }
        for (Cookie cookie : request.getCookies()) {
            if (NAME.equals(cookie.getName())) {
                Optional<String> device = verify(cookie.getValue(), account);
                if (device.isPresent()) {
                    return device;
                }
            }
        }
        return Optional.empty();
    }

    void remember(HttpServletResponse response, UserId account) {
        if (response == null || response.isCommitted()) {
            return;
        }
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(NAME, issue(account))
                .path("/").httpOnly(true).secure(secure).sameSite("Lax").maxAge(settings.deviceValidFor()).build().toString());
    }

    /** account id . device id . issued (epoch seconds) . signature */
    String issue(UserId account) {
        byte[] device = new byte[16];
        RANDOM.nextBytes(device);
        String payload = account + "." + ENCODER.encodeToString(device) + "." + clock.instant().getEpochSecond();
        return payload + "." + sign(payload);
    }

    Optional<String> verify(String value, UserId account) {
        if (value == null || value.length() > 200) {
            return Optional.empty();
        }
        int last = value.lastIndexOf('.');
        String[] parts = value.split("\\.", -1);
        if (last < 0 || parts.length != 4) {
            return Optional.empty();
        }
        String payload = value.substring(0, last);
        byte[] expected = sign(payload).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[3].getBytes(StandardCharsets.US_ASCII)) || !parts[0].equals(account.toString())) {
            return Optional.empty();
        }
        try {
            Instant issued = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            Instant now = clock.instant();
            if (issued.plus(settings.deviceValidFor()).isBefore(now) || issued.isAfter(now.plusSeconds(300))) {
                return Optional.empty();
            }
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
        return Optional.of(parts[1]);
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secrets.get(SECRET), "HmacSHA256"));
            return ENCODER.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
