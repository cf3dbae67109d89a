package io.gatehouse.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven like a person would: find fields by their label, click buttons by
 * their text, and keep a screenshot of every page visited under target/screenshots.
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path screenshots;
    private final AtomicInteger shots = new AtomicInteger();

    private Browser(ChromeDriver driver, String baseUrl, Path screenshots) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.screenshots = screenshots;
    }

    /**
     * Starts a browser, or skips the test loudly when Chromium is missing. With
     * GATEHOUSE_REQUIRE_BROWSER=1 (as in CI) a missing browser fails instead.
     */
    public static Browser open(int port, String walk, int width) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            String message = "Browser tests need headless Chromium: apt-get install chromium chromium-driver";
            if ("1".equals(System.getenv("GATEHOUSE_REQUIRE_BROWSER"))) {
                throw new IllegalStateException(message + " (GATEHOUSE_REQUIRE_BROWSER=1)");
            }
            System.err.println("\n!!! SKIPPED: " + message + " !!!\n");
            Assumptions.abort(message);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
                "--window-size=" + width + ",1000", "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        if (width < 500) {
            // A headless window is never narrower than about 500 px: emulate the phone's screen instead.
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    java.util.Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", true));
        }
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(3));
        Path folder = Path.of("target", "screenshots", walk);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Browser(driver, "http://localhost:" + port, folder);
    }

    public static Browser open(int port, String walk) {
        return open(port, walk, 1280);
    }

    public Browser go(String path) {
        driver.get(baseUrl + path);
        return shot(path.replaceAll("[^A-Za-z0-9]+", "-"));
    }

    public Browser signIn(String email, String password) {
        go("/signin");
        field("Email").sendKeys(email);
        field("Password").sendKeys(password);
        return click("Sign in");
    }

    /** The input a label names, as a screen reader finds it: by the label's for attribute. */
    public WebElement field(String label) {
        WebElement element = driver.findElement(By.xpath("//label[normalize-space(.)=" + literal(label) + "]"));
        String id = element.getAttribute("for");
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("label without for: " + label);
        }
        return driver.findElement(By.id(id));
    }

    public Browser type(String label, String text) {
        WebElement input = field(label);
        input.clear();
        input.sendKeys(text);
        return this;
    }

    public Browser tick(String label, boolean ticked) {
        WebElement box = field(label);
        if (box.isSelected() != ticked) {
            box.click();
        }
        return this;
    }

    /** Clicks the button or link whose text (or accessible label) is exactly this. */
    public Browser click(String text) {
        String xpath = "(//button[normalize-space(.)=" + literal(text) + " or @aria-label=" + literal(text) + "]"
                + " | //a[normalize-space(.)=" + literal(text) + " or @aria-label=" + literal(text) + "]"
                + " | //input[@type='submit' and @value=" + literal(text) + "])[1]";
        driver.findElement(By.xpath(xpath)).click();
        settle();
        return shot(text.replaceAll("[^A-Za-z0-9]+", "-"));
    }

    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String path() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public WebElement one(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** The page's layout width in CSS pixels, and how wide its content is: more means sideways scrolling. */
    public long viewportWidth() {
        return ((Number) driver.executeScript("return document.documentElement.clientWidth")).longValue();
    }

    public long contentWidth() {
        return ((Number) driver.executeScript("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"))
                .longValue();
    }

    public WebDriver driver() {
        return driver;
    }

    /** Waits until htmx has no request in flight and the page is loaded. */
    public Browser settle() {
        // A page being replaced cannot run the check: asked again until the new one answers.
        new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.JavascriptException.class).until(d -> {
            Object ready = driver.executeScript("return document.readyState === 'complete'"
                    + " && !document.querySelector('.htmx-request')");
            return Boolean.TRUE.equals(ready);
        });
        return this;
    }

    public Browser shot(String name) {
        byte[] png = screenshot();
        try {
            Files.write(screenshots.resolve(String.format("%02d-%s.png", shots.incrementAndGet(), name)), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * A click that submits a form may start its navigation only after {@link #settle()} saw the old
     * page complete; Chromium then aborts a screenshot taken meanwhile ("aborted by navigation").
     * The new page is waited for and the screenshot taken again.
     */
    private byte[] screenshot() {
        for (int attempt = 1; ; attempt++) {
            try {
                return driver.getScreenshotAs(OutputType.BYTES);
            } catch (org.openqa.selenium.WebDriverException navigating) {
                String message = String.valueOf(navigating.getMessage());
                if (attempt == 3 || !(message.contains("aborted by navigation") || message.contains("Not attached to an active page"))) {
                    throw navigating;
                }
                settle();
            }
        }
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }
}
