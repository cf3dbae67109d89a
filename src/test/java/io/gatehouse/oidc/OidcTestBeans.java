package io.gatehouse.oidc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** What the single sign-on tests add to the application: a count of the SQL statements that requests to the portal send to the database. */
@TestConfiguration(proxyBeanMethods = false)
class OidcTestBeans {

    @Bean
    static BeanPostProcessor countingStatements() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource ? Statements.counting(dataSource) : bean;
            }
        };
    }

    /** The statements prepared on the threads that answer HTTP requests (not the schedulers'), in order. */
    static final class Statements {

        private static final List<String> SENT = new CopyOnWriteArrayList<>();

        static void clear() {
            SENT.clear();
        }

        static List<String> sent() {
            return List.copyOf(SENT);
        }

        static DataSource counting(DataSource dataSource) {
            return (DataSource) Proxy.newProxyInstance(OidcTestBeans.class.getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, args) -> {
                        Object result = invoke(dataSource, method, args);
                        return result instanceof Connection connection ? counting(connection) : result;
                    });
        }

        private static Connection counting(Connection connection) {
            return (Connection) Proxy.newProxyInstance(OidcTestBeans.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if ((method.getName().equals("prepareStatement") || method.getName().equals("prepareCall")) && answering()) {
                            SENT.add((String) args[0]);
                        }
                        Object result = invoke(connection, method, args);
                        return method.getName().equals("createStatement") && result instanceof Statement statement
                                ? counting(statement) : result;
                    });
        }

        /** A statement without parameters: counted when it runs. */
        private static Statement counting(Statement statement) {
            return (Statement) Proxy.newProxyInstance(OidcTestBeans.class.getClassLoader(), new Class<?>[] {Statement.class},
                    (proxy, method, args) -> {
                        if (method.getName().startsWith("execute") && args != null && args.length > 0 && args[0] instanceof String sql
                                && answering()) {
                            SENT.add(sql);
                        }
                        return invoke(statement, method, args);
                    });
        }

        private static boolean answering() {
            return Thread.currentThread().getName().startsWith("http-");
        }

        /** The signing keys are read again every few seconds, whichever request comes then: not a cost of one request. */
        static List<String> perRequest() {
            return SENT.stream().filter(sql -> !sql.contains("oidc_signing_key")).toList();
        }

        private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
