package io.gatehouse.security.passkey;

import io.gatehouse.shared.UserId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;

/** What the database holds of a person's sessions: the authorities each signed-in session carries. */
final class StoredSessions {

    private final JdbcClient jdbc;
    private final DeserializingConverter deserializer = new DeserializingConverter(StoredSessions.class.getClassLoader());

    StoredSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The authorities of each session signed in as this account, newest first. */
    List<Set<String>> authorities(UserId account) {
        return authentications(account).stream()
                .map(authentication -> authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                        .collect(Collectors.toSet()))
                .toList();
    }

    /** The authentication each session signed in as this account holds, newest first. */
    List<Authentication> authentications(UserId account) {
        return jdbc.sql("""
                        select a.attribute_bytes from spring_session s
                        join spring_session_attributes a on a.session_primary_id = s.primary_id
                        where s.principal_name = ? and a.attribute_name = 'SPRING_SECURITY_CONTEXT'
                        order by s.creation_time desc""")
                .param(account.toString())
                .query((rs, n) -> rs.getBytes(1))
                .list().stream()
                .map(bytes -> ((SecurityContext) deserializer.convert(bytes)).getAuthentication())
                .toList();
    }
}
