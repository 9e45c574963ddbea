package io.msenas.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.msenas.api.support.Http;
import io.msenas.api.support.ServiceStack;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The service's own dashboard ({@code /dashboard/}) in headless Chromium against the real stack
 * (API, a worker with the real simulator and RDM fitness, PostgreSQL, RabbitMQ): what a user sees
 * of a search as it runs and after it SUCCEEDED (the list row, the generation chart, the winner and
 * its B x B RDM), cancelling a running search, and an API error.
 *
 * <p>Chromium and its driver are Debian's ({@code apt-get install chromium chromium-driver}, which
 * .ci/run does where they are missing); {@code -Dmsenas.chromium} and {@code -Dmsenas.chromedriver}
 * point elsewhere. The test does not skip without them: it fails saying what is missing. Selenium
 * Manager is never asked for a driver (it would download one): the driver's path and the browser's
 * binary are given.
 */
class DashboardBrowserIT {

  private static final Path CHROMIUM =
      Path.of(System.getProperty("msenas.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("msenas.chromedriver", "/usr/bin/chromedriver"));
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static ServiceStack stack;
  private static Http http;
  private static String base;
  private static WebDriver browser;

  @BeforeAll
  static void start() {
    assertThat(Files.isExecutable(CHROMIUM))
        .as("%s is missing: apt-get install chromium (or -Dmsenas.chromium=...)", CHROMIUM)
        .isTrue();
    assertThat(Files.isExecutable(CHROMEDRIVER))
        .as(
            "%s is missing: apt-get install chromium-driver (or -Dmsenas.chromedriver=...)",
            CHROMEDRIVER)
        .isTrue();
    // the real worker: its results carry a B x B RDM (the no-op scorer's is 1 x 1)
    stack = new ServiceStack(Map.of());
    stack.startApi(Map.of());
    stack.cleanDatabase();
    stack.startWorker(Map.of());
    http = new Http(stack.apiUrl(0));
    base = stack.apiUrl(0);

    // a driver path given explicitly keeps Selenium Manager (a download) out of it
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(CHROMIUM.toFile())
            .addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--window-size=1400,1200");
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (stack != null) {
      stack.close();
    }
  }

  /** The page's script ran without errors (a CSP violation or an exception would show here). */
  @AfterEach
  void noScriptErrors() {
    List<String> errors =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            // the API's 4xx answers that a test provokes on purpose are logged as failed loads
            .filter(m -> !m.contains("Failed to load resource"))
            .toList();
    assertThat(errors).as("errors in the browser's console").isEmpty();
  }

  @Test
  void thePageIsServedAtItsFolderAddress() {
    Http.Response page = http.get("/dashboard/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("dashboard.js", "dashboard.css");
    // without the slash the page's relative links would miss: redirected
    Http.Response bare = http.get("/dashboard");
    assertThat(bare.status()).isEqualTo(302);
    assertThat(bare.raw().headers().firstValue("Location").orElse("")).endsWith("/dashboard/");
  }

  @Test
  void aSucceededSearchShowsItsRowChartWinnerAndRdm() {
    String id = submit("{\"dataset\":\"mnist\",\"preset\":\"smoke\",\"seed\":7}");
    browser.get(base + "/dashboard/");
    // performance entries show which requests the page makes; keep them all
    script("performance.setResourceTimingBufferSize(100000)");

    // the search is listed while it runs (or already done: a smoke search takes seconds)
    WebElement row = waitFor("the search's row", d -> row(id));
    assertThat(text(row, "td.status")).isIn("QUEUED", "RUNNING", "SUCCEEDED");
    assertThat(text(row, "td.setting")).isEqualTo("smoke · mnist · rdm-hamming");

    assertThat(http.awaitEnd(id, Duration.ofMinutes(3))).isEqualTo("SUCCEEDED");
    JsonNode search = http.get("/v1/searches/" + id).json();
    JsonNode progress = search.get("progress");
    waitFor("the row to say SUCCEEDED", d -> "SUCCEEDED".equals(text(row(id), "td.status")));
    WebElement done = row(id);
    assertThat(text(done, "td.generation")).isEqualTo("2/2");
    String evaluations =
        progress.get("evaluationsDone").asInt() + "/" + progress.get("evaluationsTotal").asInt();
    assertThat(text(done, "td.evaluations")).isEqualTo(evaluations);
    assertThat(done.findElement(By.cssSelector("td.evaluations progress")).getDomAttribute("value"))
        .isEqualTo(String.valueOf(progress.get("evaluationsDone").asInt()));
    assertThat(text(done, "td.failed")).isEqualTo("0");
    assertThat(text(done, "td.best")).isEqualTo(fourDecimals(progress.get("bestFitness")));
    assertThat(text(done, "td.eta")).isEqualTo("-");

    // clicking the row opens the details, linked from the URL
    done.click();
    waitFor("the details", d -> "SUCCEEDED".equals(byId("d-status").getText()));
    assertThat(browser.getCurrentUrl()).endsWith("#search=" + id);
    assertThat(byId("d-id").getText()).isEqualTo(id);
    assertThat(byId("cancel").isDisplayed()).isFalse();
    assertThat(byId("d-spec").getText()).contains("smoke", "rdm-hamming", "generational");

    // the chart: a line and a point per generation for best, mean and median
    JsonNode generations = http.get("/v1/searches/" + id + "/generations").json();
    assertThat(generations.size()).isEqualTo(2);
    for (String series : List.of("best", "mean", "median")) {
      WebElement line = byCss("#chart path.line-" + series);
      assertThat(line.getDomAttribute("d"))
          .as(series)
          .matches("M[-0-9.]+,[-0-9.]+ L[-0-9.]+,[-0-9.]+");
      assertThat(browser.findElements(By.cssSelector("#chart circle.point-" + series)))
          .hasSize(generations.size());
    }
    assertThat(byId("chart-empty").isDisplayed()).isFalse();

    // the winner with its cells, and its RDM as B x B heatmap cells
    JsonNode winner = http.get("/v1/searches/" + id + "/winner").json();
    assertThat(byId("best-title").getText()).isEqualTo("Winner");
    String facts = byId("best-facts").getText();
    assertThat(facts)
        .contains(winner.get("label").asString())
        .contains(fourDecimals(winner.get("objectives").get("fitness")))
        .contains(winner.get("canonicalHash").asString());
    assertThat(browser.findElements(By.cssSelector("#cells tbody tr")))
        .hasSize(winner.get("architecture").get("cells").size());
    int b = search.get("spec").get("batchSize").asInt();
    assertThat(b).isEqualTo(16);
    assertThat(winner.get("evaluation").get("rdm").get("size").asInt()).isEqualTo(b);
    List<WebElement> cells = browser.findElements(By.cssSelector("#rdm rect.rdm-cell"));
    assertThat(cells).hasSize(b * b);
    Set<String> shades = new HashSet<>();
    cells.forEach(c -> shades.add(c.getDomAttribute("fill")));
    assertThat(shades).as("the heatmap's shades").hasSizeGreaterThan(1);
    assertThat(byId("rdm-caption").getText()).startsWith(b + " x " + b);

    // a finished search's details are not polled again; the list still is
    long details = requests("/v1/searches/" + id);
    long lists = requests("/v1/searches");
    sleep(Duration.ofMillis(4500));
    assertThat(requests("/v1/searches/" + id)).isEqualTo(details);
    assertThat(requests("/v1/searches")).isGreaterThan(lists);

    // the link alone opens the same details in a fresh page
    browser.get("about:blank");
    browser.get(base + "/dashboard/#search=" + id);
    waitFor("the linked details", d -> "Winner".equals(byId("best-title").getText()));
    assertThat(browser.findElements(By.cssSelector("#rdm rect.rdm-cell"))).hasSize(b * b);
  }

  @Test
  void aRunningSearchIsCancelledFromItsDetails() {
    // running for hours: eight cells make a space too large for the fitness cache to answer most
    // genomes (the smoke preset's four cells have one searched cell, and 2,000 generations of it
    // were done in a minute)
    String id =
        submit(
            "{\"dataset\":\"mnist\",\"preset\":\"smoke\",\"seed\":23,\"cells\":8,"
                + "\"generations\":10000}");
    browser.get(base + "/dashboard/#search=" + id);
    waitFor("the cancel button", ExpectedConditions.visibilityOfElementLocated(By.id("cancel")));
    assertThat(byId("d-status").getText()).isIn("QUEUED", "RUNNING");
    assertThat(byId("best-title").getText()).isNotEqualTo("Winner");

    byId("cancel").click();
    waitFor("the confirmation", ExpectedConditions.alertIsPresent()).accept();
    waitFor("the details to say CANCELLED", d -> "CANCELLED".equals(byId("d-status").getText()));
    assertThat(http.get("/v1/searches/" + id).json().get("status").asString())
        .isEqualTo("CANCELLED");
    assertThat(byId("cancel").isDisplayed()).isFalse();
    assertThat(byId("cancel-error").isDisplayed()).isFalse();
    waitFor("the row to say CANCELLED", d -> "CANCELLED".equals(text(row(id), "td.status")));
  }

  @Test
  void anApiErrorShowsTheProblemDetailAndNoMarkupFromTheApiIsRendered() {
    String unknown = UUID.randomUUID().toString();
    browser.get(base + "/dashboard/#search=" + unknown);
    WebElement error =
        waitFor("the error", ExpectedConditions.visibilityOfElementLocated(By.id("detail-error")));
    assertThat(error.getText()).isEqualTo("404 Not found: search " + unknown + " does not exist");
    assertThat(byId("d-body").isDisplayed()).isFalse();

    // a malformed id comes back quoted in the problem's detail: shown as text, never as markup
    String hostile = "<img src=x onerror=\"window.hacked=1\">";
    browser.get("about:blank");
    browser.get(base + "/dashboard/#search=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8));
    WebElement bad =
        waitFor("the error", ExpectedConditions.visibilityOfElementLocated(By.id("detail-error")));
    assertThat(bad.getText()).startsWith("400 Invalid parameter: ").contains(hostile);
    assertThat(byId("d-id").getText()).isEqualTo(hostile);
    assertThat(browser.findElements(By.cssSelector("#detail img"))).isEmpty();
    assertThat(script("return window.hacked === undefined")).isEqualTo(true);
  }

  // ---------------------------------------------------------------- helpers

  private static String submit(String body) {
    Http.Response created = http.post("/v1/searches", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  /** The list's row of a search, or null while it is not listed. */
  private static WebElement row(String id) {
    List<WebElement> rows =
        browser.findElements(By.cssSelector("#searches tbody tr[data-id='" + id + "']"));
    return rows.isEmpty() ? null : rows.get(0);
  }

  private static String text(WebElement row, String css) {
    return row == null ? null : row.findElement(By.cssSelector(css)).getText();
  }

  private static WebElement byId(String id) {
    return browser.findElement(By.id(id));
  }

  private static WebElement byCss(String css) {
    return browser.findElement(By.cssSelector(css));
  }

  /** As the page prints fitness: four decimals of the exact value, half up (JS toFixed(4)). */
  private static String fourDecimals(JsonNode value) {
    return new BigDecimal(value.asDouble()).setScale(4, RoundingMode.HALF_UP).toPlainString();
  }

  /** How many requests the page has made to this path (any query). */
  private static long requests(String path) {
    Object count =
        script(
            "return performance.getEntriesByType('resource')"
                + ".filter(e => new URL(e.name).pathname === arguments[0]).length",
            path);
    return ((Number) count).longValue();
  }

  private static Object script(String script, Object... arguments) {
    return ((JavascriptExecutor) browser).executeScript(script, arguments);
  }

  /** Waits for a condition; on timeout the failure shows what the page showed. */
  private static <T> T waitFor(String what, Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(browser, PATIENCE).ignoring(RuntimeException.class).until(condition);
    } catch (TimeoutException e) {
      throw new AssertionError(
          "waited " + PATIENCE + " for " + what + "; the page showed:\n" + pageText(), e);
    }
  }

  private static String pageText() {
    try {
      return browser.findElement(By.tagName("body")).getText();
    } catch (RuntimeException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
