package io.gatehouse.access;

import io.gatehouse.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The vendor's applications and their access rights. Rights are named by their name everywhere. */
@Service
public class Catalog {

    private final JdbcClient jdbc;

    Catalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<CatalogApplication> applications() {
        Map<String, List<CatalogRight>> rights = rights().stream()
                .collect(Collectors.groupingBy(CatalogRight::application, LinkedHashMap::new, Collectors.toList()));
        return jdbc.sql("select id, name, managed_externally from application order by position, name")
                .query((rs, n) -> {
                    String name = rs.getString("name");
                    return new CatalogApplication(rs.getObject("id", UUID.class), name, rs.getBoolean("managed_externally"),
                            rights.getOrDefault(name, List.of()));
                })
                .list();
    }

    /** One application with its rights, in one statement. */
    public Optional<CatalogApplication> application(UUID id) {
        record Row(String name, boolean managedExternally, CatalogRight right) {
        }
        List<Row> rows = jdbc.sql("""
                        select a.name, a.managed_externally, r.id, r.name as right_name, r.needs_approval
                        from application a left join access_right r on r.application_id = a.id
                        where a.id = ? order by r.position, r.name""")
                .param(id)
                .query((rs, n) -> {
                    String name = rs.getString("name");
                    boolean external = rs.getBoolean("managed_externally");
                    UUID right = rs.getObject("id", UUID.class);
                    return new Row(name, external, right == null ? null
                            : new CatalogRight(right, rs.getString("right_name"), name, external, rs.getBoolean("needs_approval")));
                })
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CatalogApplication(id, rows.get(0).name(), rows.get(0).managedExternally(),
                rows.stream().map(Row::right).filter(java.util.Objects::nonNull).toList()));
    }

    public List<CatalogRight> rights() {
        return jdbc.sql("""
                        select r.id, r.name, a.name as application, a.managed_externally, r.needs_approval
                        from access_right r join application a on a.id = r.application_id
                        order by a.position, r.position, r.name""")
                .query((rs, n) -> new CatalogRight(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("application"), rs.getBoolean("managed_externally"), rs.getBoolean("needs_approval")))
                .list();
    }

    public Map<String, CatalogRight> rightsByName() {
        return rights().stream().collect(Collectors.toMap(CatalogRight::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    /** Resolves right names as a client sent them; an unknown name is a field error, not a silent skip. */
    public Set<CatalogRight> resolve(Collection<String> names, String field) {
        if (names == null || names.isEmpty()) {
            return Set.of();
        }
        Map<String, CatalogRight> known = rightsByName();
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        Set<CatalogRight> resolved = new java.util.LinkedHashSet<>();
        for (String name : names) {
            CatalogRight right = name == null ? null : known.get(name.strip());
            if (right == null) {
                errors.add(new InvalidInputException.FieldError(field, "validation.right.unknown", List.of(String.valueOf(name))));
            } else {
                resolved.add(right);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return resolved;
    }
}
