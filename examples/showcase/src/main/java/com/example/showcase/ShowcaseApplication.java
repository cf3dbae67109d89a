package com.example.showcase;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A cloud application of the vendor: people sign in through Gatehouse, see what Gatehouse says of
 * them, and only holders of one right reach /admin. When Gatehouse says their access changed (a
 * signed webhook) or that they signed out (back-channel logout), their session here ends at once,
 * so the next request asks Gatehouse again.
 */
@SpringBootApplication
public class ShowcaseApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShowcaseApplication.class, args);
    }
}
