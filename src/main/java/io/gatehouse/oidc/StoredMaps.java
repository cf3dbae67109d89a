package io.gatehouse.oidc;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The maps an authorization keeps (its attributes, each token's metadata and claims) as plain JSON.
 * Spring writes them with Jackson's polymorphic typing, whose reading builds its deserializers
 * afresh at each row (a refresh spent a fifth of its time there) and names the classes to make.
 * These maps hold few kinds of values: text, numbers, booleans, instants and dates, addresses (the
 * issuer), lists, sets and maps of them, the person's sign-in and the authorization request. Those
 * are written here with a small tag where JSON alone cannot tell the kind, and read back as those
 * kinds only; a map holding anything else is not {@link #writable} and is left to Spring's format.
 */
final class StoredMaps {

    /** How a map in this format starts; Spring's starts with its {@code @class}. */
    static final String MARK = "{\"@gatehouse\":1,";
    private static final String TAG = "@";

    private final JsonMapper json = JsonMapper.builder().build();

    /** A value of a kind this format does not keep: the map goes to Spring's format. */
    static final class NotKept extends RuntimeException {

        NotKept(Object value) {
            super("Not kept in Gatehouse's format: " + (value == null ? "a null key" : value.getClass().getName()), null, false, false);
        }
    }

    /** Whether every value of the map, at any depth, is one this format keeps exactly. */
    static boolean writable(Map<String, Object> map) {
        try {
            encodeMap(map);
            return true;
        } catch (NotKept unusual) {
            return false;
        }
    }

    static boolean isStored(String data) {
        return data == null || data.startsWith(MARK);
    }

    /** The map in this format; {@link NotKept} if a value is of a kind it does not keep. */
    String write(Map<String, Object> map) {
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("@gatehouse", 1);
        plain.put("map", encodeMap(map));
        return json.writeValueAsString(plain);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> read(String data) {
        Map<String, Object> plain = json.readValue(data, LinkedHashMap.class);
        return decodeMap((Map<String, Object>) plain.get("map"));
    }

    private static Object encode(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Double) {
            return value;
        }
        if (value instanceof Long number) {
            return tagged("long", number);
        }
        if (value instanceof Instant instant) {
            return tagged("instant", instant.toString());
        }
        if (value instanceof Date date) {
            return tagged("date", date.getTime());
        }
        if (value instanceof URL url) {
            return tagged("url", url.toString());
        }
        if (value instanceof String[] strings) {
            return tagged("strings", Arrays.asList(strings));
        }
        if (value instanceof Set<?> set) {
            return tagged("set", encodeAll(set));
        }
        if (value instanceof List<?> list) {
            return encodeAll(list);
        }
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> entries = encodeMap((Map<String, Object>) map);
            return map.containsKey(TAG) ? tagged("map", entries) : entries;
        }
        if (value instanceof UsernamePasswordAuthenticationToken signIn && signIn.isAuthenticated()
                && DigestedAuthorizations.isPlain(signIn)) {
            Map<String, Object> encoded = tagged("signIn", signIn.getName());
            List<Object> authorities = new ArrayList<>(signIn.getAuthorities().size());
            for (GrantedAuthority authority : signIn.getAuthorities()) {
                authorities.add(authority(authority));
            }
            encoded.put("authorities", authorities);
            return encoded;
        }
        if (value instanceof OAuth2AuthorizationRequest request
                && AuthorizationGrantType.AUTHORIZATION_CODE.equals(request.getGrantType())) {
            Map<String, Object> encoded = tagged("authorizationRequest", request.getClientId());
            encoded.put("authorizationUri", request.getAuthorizationUri());
            encoded.put("redirectUri", request.getRedirectUri());
            encoded.put("scopes", List.copyOf(request.getScopes()));
            encoded.put("state", request.getState());
            encoded.put("additionalParameters", encodeMap(request.getAdditionalParameters()));
            encoded.put("attributes", encodeMap(request.getAttributes()));
            encoded.put("authorizationRequestUri", request.getAuthorizationRequestUri());
            return encoded;
        }
        throw new NotKept(value);
    }

    private static List<Object> encodeAll(Collection<?> values) {
        List<Object> encoded = new ArrayList<>(values.size());
        for (Object value : values) {
            encoded.add(encode(value));
        }
        return encoded;
    }

    private static Map<String, Object> encodeMap(Map<?, ?> map) {
        Map<String, Object> encoded = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new NotKept(entry.getKey());
            }
            encoded.put(key, encode(entry.getValue()));
        }
        return encoded;
    }

    private static Map<String, Object> tagged(String kind, Object value) {
        Map<String, Object> encoded = new LinkedHashMap<>();
        encoded.put(TAG, kind);
        encoded.put("v", value);
        return encoded;
    }

    private static Map<String, Object> authority(GrantedAuthority authority) {
        Map<String, Object> encoded = new LinkedHashMap<>();
        if (authority instanceof FactorGrantedAuthority factor) {
            encoded.put("factor", factor.getAuthority());
            encoded.put("issuedAt", Optional.ofNullable(factor.getIssuedAt()).map(Instant::toString).orElse(null));
        } else {
            encoded.put("authority", authority.getAuthority());
        }
        return encoded;
    }

    @SuppressWarnings("unchecked")
    private static Object decode(Object value) {
        if (value instanceof List<?> list) {
            return decodeList(list);
        }
        if (!(value instanceof Map<?, ?>)) {
            return value;
        }
        Map<String, Object> map = (Map<String, Object>) value;
        if (!(map.get(TAG) instanceof String kind)) {
            return decodeMap(map);
        }
        Object held = map.get("v");
        return switch (kind) {
            case "long" -> ((Number) held).longValue();
            case "instant" -> Instant.parse((String) held);
            case "url" -> url((String) held);
            case "date" -> new Date(((Number) held).longValue());
            case "strings" -> ((List<String>) held).toArray(String[]::new);
            case "set" -> new LinkedHashSet<>(decodeList((List<?>) held));
            case "map" -> decodeMap((Map<String, Object>) held);
            case "signIn" -> UsernamePasswordAuthenticationToken.authenticated(held, null,
                    ((List<Map<String, Object>>) map.get("authorities")).stream().map(StoredMaps::grantedAuthority).toList());
            case "authorizationRequest" -> OAuth2AuthorizationRequest.authorizationCode()
                    .clientId((String) held)
                    .authorizationUri((String) map.get("authorizationUri"))
                    .redirectUri((String) map.get("redirectUri"))
                    .scopes(new LinkedHashSet<>((List<String>) map.get("scopes")))
                    .state((String) map.get("state"))
                    .additionalParameters(decodeMap((Map<String, Object>) map.get("additionalParameters")))
                    .attributes(decodeMap((Map<String, Object>) map.get("attributes")))
                    .authorizationRequestUri((String) map.get("authorizationRequestUri"))
                    .build();
            default -> throw new IllegalArgumentException("Unknown kind of stored value: " + kind);
        };
    }

    /** The issuer, the one address tokens hold, read once rather than at every row. */
    private static volatile ReadUrl lastUrl;

    private record ReadUrl(String text, URL url) {
    }

    private static URL url(String url) {
        ReadUrl last = lastUrl;
        if (last != null && last.text().equals(url)) {
            return last.url();
        }
        try {
            URL read = URI.create(url).toURL();
            lastUrl = new ReadUrl(url, read);
            return read;
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("A stored address is not one: " + url, e);
        }
    }

    private static List<Object> decodeList(List<?> list) {
        List<Object> decoded = new ArrayList<>(list.size());
        list.forEach(element -> decoded.add(decode(element)));
        return decoded;
    }

    private static Map<String, Object> decodeMap(Map<String, Object> map) {
        Map<String, Object> decoded = new LinkedHashMap<>();
        map.forEach((key, value) -> decoded.put(key, decode(value)));
        return decoded;
    }

    private static GrantedAuthority grantedAuthority(Map<String, Object> encoded) {
        if (encoded.get("factor") instanceof String factor) {
            FactorGrantedAuthority.Builder builder = FactorGrantedAuthority.withAuthority(factor);
            if (encoded.get("issuedAt") instanceof String issuedAt) {
                builder.issuedAt(Instant.parse(issuedAt));
            }
            return builder.build();
        }
        return new SimpleGrantedAuthority((String) encoded.get("authority"));
    }
}
