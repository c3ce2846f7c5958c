package dev.outbound.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.dispatch.Dispatcher;
import dev.outbound.testing.Api;
import dev.outbound.testing.MutableClock;
import dev.outbound.testing.StoreTest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The console in headless Chromium, as an operator uses it: sign in, create a campaign, upload a
 * call list, hold and resume the batch, watch the counts move while the dispatcher runs (driven
 * here tick by tick on a settable clock), and download the export. Chromium and chromedriver are
 * required: without them this test fails (CI installs them).
 */
@StoreTest
@Tag("browser")
@Import(ConsoleClockConfig.class)
class ConsoleBrowserTest {
    private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final int ROWS = 60;

    @LocalServerPort
    int port;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    MutableClock clock;

    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void startBrowser() {
        assertThat(CHROMIUM)
                .as("chromium is installed (apt-get install chromium)")
                .isExecutable();
        assertThat(CHROMEDRIVER)
                .as("chromedriver is installed (apt-get install chromium-driver)")
                .isExecutable();
        clock.set(ConsoleClockConfig.START);
        var options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-dev-shm-usage",
                        "--window-size=1280,900");
        // The browser's console, to see whether the Content-Security-Policy refused anything.
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        browser = new ChromeDriver(service, options);
        // The batch page's poll swaps the counts and the results table every 2 s, so an element
        // found a moment ago may be gone by the time it is read: read it again.
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Nothing a page needs (scripts, styles, charts, htmx) was refused by its Content-Security-Policy. */
    private void assertNothingRefusedByThePolicy() {
        var refused = browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy"))
                .toList();
        assertThat(refused).isEmpty();
    }

    @Test
    void swagger_ui_renders_the_served_document_under_the_content_security_policy() {
        browser.get(url("/docs"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".swagger-ui .opblock")));
        assertThat(browser.findElements(By.cssSelector(".swagger-ui .opblock"))).hasSizeGreaterThan(10);
        assertNothingRefusedByThePolicy();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Waits for the element: a click that submits a form returns before the next page is there. */
    private WebElement find(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    private void type(String id, String text) {
        WebElement field = wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
        field.clear();
        field.sendKeys(text);
    }

    /** Ticks the dispatcher every second of clock time for {@code total}. */
    private void run(Duration total) {
        Instant end = clock.instant().plus(total);
        while (clock.instant().isBefore(end)) {
            dispatcher.tick();
            clock.advance(Duration.ofSeconds(1));
        }
        dispatcher.tick();
    }

    /** {@link #count}, read again if the poll swapped the counts while it was being read. */
    private long settled(String status) {
        Long n = wait.until(b -> count(status));
        return n;
    }

    private long count(String status) {
        var cells = browser.findElements(By.cssSelector("#counts tr[data-status='" + status + "'] td.num"));
        return cells.isEmpty() ? 0 : Long.parseLong(cells.getFirst().getText().trim());
    }

    private Path callList() throws IOException {
        var csv = new StringBuilder("reference_id,target,first_name,appointment\n");
        for (int i = 0; i < ROWS; i++) {
            // Mostly answered calls, some busy, unanswered or voicemail (the simulator's last digit).
            int digit = i % 10 < 7 ? i % 7 : i % 10;
            csv.append("p-%03d,+1415555%03d%d,Patient %d,2026-12-0%d\n".formatted(i, 100 + i, digit, i, 1 + i % 9));
        }
        csv.append("p-000,+14155550199,Again,2026-12-01\n");
        csv.append("p-bad,12,Nobody,2026-12-01\n");
        Path file = Files.createTempDirectory("console").resolve("patients.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void an_operator_runs_a_batch_from_the_console() throws IOException {
        browser.get(url("/"));
        wait.until(ExpectedConditions.urlContains("/console/sign-in"));
        assertAccessible("sign-in");
        type("api_key", Api.SUPERUSER_KEY);
        find("main form button[type=submit]").click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Campaigns"));
        Cookie session = Objects.requireNonNull(browser.manage().getCookieNamed("OUTBOUND_CONSOLE"));
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");

        find("a.button[href$='/console/campaigns/new']").click();
        type("campaign_name", "Appointment reminders");
        type("hourly_rate", "3600");
        type("retry_count", "0");
        type("campaign_variables", "clinic=Mission Street");
        for (String day : new String[] {"sat", "sun"}) {
            find("input[name=active_days][value=" + day + "]").click();
        }
        type("hourly_rate", "0");
        find("main form button[type=submit]").click();
        wait.until(b -> b.findElements(By.id("hourly_rate-error")).stream()
                .anyMatch(e -> !e.getText().isBlank()));
        assertAccessible("campaign form with an error");
        type("hourly_rate", "3600");
        find("main form button[type=submit]").click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Appointment reminders"));

        find("a.button[href$='/batches/new']").click();
        type("batch_id", "reminders-week-49");
        browser.findElement(By.id("file")).sendKeys(callList().toAbsolutePath().toString());
        find("#new-batch button[type=submit]").click();
        WebElement outcome = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ingest-outcome")));
        assertThat(outcome.getText())
                .contains("ROWS\n" + (ROWS + 2))
                .contains("DUPLICATES\n1")
                .contains("INVALID\n1");
        assertThat(find("#upload-bar").getAttribute("value")).isEqualTo("100");
        find("#outcome a.button").click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Batch reminders-week-49"));
        assertThat(settled("PENDING")).isEqualTo(ROWS);

        find("form[action$='/hold'] button").click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[action$='/resume'] button")));
        run(Duration.ofSeconds(30));
        browser.navigate().refresh();
        assertThat(settled("PENDING")).as("a batch on hold dials nobody").isEqualTo(ROWS);
        find("form[action$='/resume'] button").click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[action$='/hold'] button")));

        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        run(Duration.ofSeconds(40));
        wait.until(b -> count("COMPLETED") > 0);
        wait.until(b -> !b.findElements(By.cssSelector("#results .s-COMPLETED")).isEmpty());
        long firstHour = settled("COMPLETED");
        clock.advance(Duration.ofHours(1));
        run(Duration.ofSeconds(60));
        wait.until(b -> count("PENDING") == 0 && count("COMPLETED") > firstHour);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"))
                .as("the counts changed without a reload")
                .isEqualTo(true);
        assertThat(find("#total").getText()).isEqualTo(Integer.toString(ROWS + 2));
        assertAccessible("batch");

        String csv = (String) Objects.requireNonNull(((JavascriptExecutor) browser)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "fetch(document.querySelector('a[download]').href).then(r => r.text()).then(done);"));
        assertThat(csv).startsWith("reference_id,target,request_status").contains(",first_name,appointment");
        assertThat(csv).contains("p-000,+14155551000,COMPLETED,COMPLETED,1,");
        assertThat(csv.split("\r?\n")).hasSize(ROWS + 3);

        screenshot(1280, "console-batch.png");
        screenshot(390, "console-batch-phone.png");
        assertNothingRefusedByThePolicy();
    }

    @Test
    void an_operator_keeps_people_off_every_campaign_from_the_suppression_page() throws IOException {
        browser.get(url("/console/sign-in"));
        type("api_key", Api.SUPERUSER_KEY);
        find("main form button[type=submit]").click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Campaigns"));

        find("nav a[href$='/console/suppressions']").click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Suppression list"));
        type("target", "+1 (415) 555-0142");
        new org.openqa.selenium.support.ui.Select(find("#kind")).selectByValue("bounced");
        type("reason", "mailbox full");
        find("#suppression-add button[type=submit]").click();
        wait.until(b -> b.findElements(By.cssSelector("#suppressions td")).stream()
                .anyMatch(td -> td.getText().equals("+14155550142")));
        assertThat(find("#suppressions tbody").getText()).contains("bounced").contains("mailbox full");

        Path list = Files.createTempDirectory("console").resolve("opt-outs.csv");
        Files.writeString(list, "target,kind\n+14155550143,unsubscribed\n+14155550142,unsubscribed\nnot a number,\n");
        browser.findElement(By.id("file")).sendKeys(list.toAbsolutePath().toString());
        find("#suppression-upload button[type=submit]").click();
        WebElement outcome = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-outcome")));
        assertThat(outcome.getText())
                .contains("ADDED\n1")
                .contains("ALREADY LISTED\n1")
                .contains("SKIPPED\n1");
        assertThat(find("#upload-bar").getAttribute("value")).isEqualTo("100");
        assertAccessible("suppression list");

        browser.get(url("/console/suppressions?q=0143"));
        wait.until(b -> b.findElements(By.cssSelector("#suppressions tbody tr")).size() == 1);
        find("#suppressions form[action$='/remove'] button").click();
        wait.until(b -> b.findElements(By.cssSelector("#suppressions tbody tr")).isEmpty());
        assertThat(find("main").getText()).contains("No entries match this search");
        assertNothingRefusedByThePolicy();
    }

    /**
     * Runs axe-core's WCAG 2 A and AA rules on the page shown: no serious or critical violation
     * (labels, contrast, names of controls, landmarks...).
     */
    private void assertAccessible(String page) throws IOException {
        String axe;
        try (var in = Objects.requireNonNull(
                getClass().getClassLoader().getResourceAsStream(AXE), AXE + " is on the test classpath")) {
            axe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        var js = (JavascriptExecutor) browser;
        js.executeScript(axe);
        Object problems = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})"
                + ".then(r => done(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ' (' + v.impact + ') at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        assertThat((java.util.List<?>) Objects.requireNonNull(problems))
                .as("accessibility problems on the " + page + " page")
                .isEmpty();
    }

    /**
     * Saves the whole page at this width under target/screenshots, or into the directory named by
     * {@code -Doutbound.screenshots=docs} to refresh the README's pictures: a plain test run does
     * not rewrite tracked files.
     */
    private void screenshot(int width, String name) throws IOException {
        browser.manage().window().setSize(new Dimension(width, 900));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("status-chart")));
        wait.until(b -> Boolean.TRUE.equals(((JavascriptExecutor) b)
                .executeScript("return typeof Chart !== 'undefined' && !!Chart.getChart('hours-chart');")));
        long height = ((Number) Objects.requireNonNull(
                        ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight;")))
                .longValue();
        browser.manage().window().setSize(new Dimension(width, (int) Math.min(height, 4000)));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path dir = Path.of(System.getProperty("outbound.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Files.copy(shot.toPath(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
