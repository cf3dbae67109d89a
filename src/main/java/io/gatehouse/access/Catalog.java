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
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The vendor's applications and their access rights. Rights are named by their name everywhere.
 * Within a transaction the catalogue is read once: a change of a member asks for it several times
 * (to resolve the names, to compare, to announce), and it changes only through {@link CatalogAdmin},
 * which forgets what its transaction read.
 */
@Service
public class Catalog {

    private static final String RIGHTS = Catalog.class.getName() + ".rights";
    private static final String APPLICATIONS = Catalog.class.getName() + ".applications";

    private final JdbcClient jdbc;

    Catalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The applications in their order, each with its rights, in one statement. */
    public List<CatalogApplication> applications() {
        return readOnce(APPLICATIONS, this::readApplications);
    }

    private List<CatalogApplication> readApplications() {
        record Application(UUID id, String name, boolean managedExternally, List<CatalogRight> rights) {
        }
        Map<UUID, Application> applications = new LinkedHashMap<>();
        jdbc.sql("""
                        select a.id, a.name, a.managed_externally, r.id as right_id, r.name as right_name, r.needs_approval
                        from application a left join access_right r on r.application_id = a.id
                        order by a.position, a.name, r.position, r.name""")
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    String name = rs.getString("name");
                    boolean external = rs.getBoolean("managed_externally");
                    Application application = applications.computeIfAbsent(id,
                            key -> new Application(key, name, external, new ArrayList<>()));
                    UUID right = rs.getObject("right_id", UUID.class);
                    if (right != null) {
                        application.rights().add(new CatalogRight(right, rs.getString("right_name"), name, external,
                                rs.getBoolean("needs_approval")));
                    }
                    return id;
                })
                .list();
        return applications.values().stream()
                .map(a -> new CatalogApplication(a.id(), a.name(), a.managedExternally(), a.rights()))
                .toList();
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
        return readOnce(RIGHTS, this::readRights);
    }

    /** The catalogue changed in this transaction: what it read of it is read again. */
    static void changedInTransaction() {
        TransactionSynchronizationManager.unbindResourceIfPossible(RIGHTS);
        TransactionSynchronizationManager.unbindResourceIfPossible(APPLICATIONS);
    }

    @SuppressWarnings("unchecked")
    private static <T> T readOnce(String key, Supplier<T> read) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return read.get();
        }
        T held = (T) TransactionSynchronizationManager.getResource(key);
        if (held != null) {
            return held;
        }
        T value = read.get();
        TransactionSynchronizationManager.bindResource(key, value);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }
        });
        return value;
    }

    private List<CatalogRight> readRights() {
        return List.copyOf(jdbc.sql("""
                        select r.id, r.name, a.name as application, a.managed_externally, r.needs_approval
                        from access_right r join application a on a.id = r.application_id
                        order by a.position, r.position, r.name""")
                .query((rs, n) -> new CatalogRight(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("application"), rs.getBoolean("managed_externally"), rs.getBoolean("needs_approval")))
                .list());
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
