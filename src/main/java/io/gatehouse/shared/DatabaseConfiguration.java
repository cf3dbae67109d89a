package io.gatehouse.shared;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    /**
     * On PostgreSQL, every statement is planned with its actual values. Organizations differ in
     * size by four orders of magnitude: a plan made once for an "average" organization (what
     * PostgreSQL settles on for a statement prepared and run a few times) reads all 50,000
     * members of a large one where an index would touch fifty.
     */
    @Bean
    static BeanPostProcessor customPlansOnPostgres() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
                        && hikari.getJdbcUrl().startsWith("jdbc:postgresql:") && hikari.getConnectionInitSql() == null) {
                    hikari.setConnectionInitSql("set plan_cache_mode = force_custom_plan");
                }
                return bean;
            }
        };
    }
}
