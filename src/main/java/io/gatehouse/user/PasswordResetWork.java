package io.gatehouse.user;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Where "Forgot password?" does its work, after the answer: one thread, a bounded queue. The page
 * answers before it is known whether the address has an account, so both answers take the same
 * time. A flood fills the queue and further requests are dropped (the page still says the same):
 * the portal's memory does not grow with it.
 */
@Component
class PasswordResetWork implements DisposableBean {

    static final int QUEUE = 1000;

    private static final Logger log = LoggerFactory.getLogger(PasswordResetWork.class);

    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
            task -> {
                Thread thread = new Thread(task, "password-reset");
                thread.setDaemon(true);
                return thread;
            },
            (task, executor) -> log.warn("Password reset requests are arriving faster than they are handled; one was dropped"));

    void submit(Runnable task) {
        worker.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("A password reset request failed", e);
            }
        });
    }

    @Override
    public void destroy() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }
}
