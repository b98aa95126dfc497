package io.sophra.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sophra.registry.support.HeadlessChromium;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.Http.Reply;
import io.sophra.registry.support.TestNodes;
import io.sophra.registry.support.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.yaml.snakeyaml.Yaml;

/**
 * The API page in a real browser (Debian's headless Chromium): it loads without a console error
 * under its Content-Security-Policy, lists every operation of the OpenAPI document, and "Try it
 * out" on getModel answers 401 until a token is set through "Authorize", then 200. The screenshot
 * it leaves in target/ is the one the README shows (deploy/api-docs.png).
 */
@DisplayName("The API page at /docs works in a real browser")
class ApiDocsPageTest extends ApiTestBase {

  static final Path SCREENSHOT = Path.of("target", "api-docs.png");

  private static HeadlessChromium browser;
  private static ChromeDriver driver;
  private static WebDriverWait wait;

  @BeforeAll
  static void startBrowser() {
    browser = HeadlessChromium.start(1280, 1500);
    driver = browser.driver();
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  @DisplayName("The page is open, from this origin only, and leads from /docs to /docs/")
  void servedOpenWithPolicy() {
    Reply redirect = anonymous().get("/docs");
    Reply page = anonymous().get("/docs/");

    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.header("Location")).isEqualTo("/docs/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Security-Policy")).startsWith("default-src 'self';");
    assertThat(page.body()).contains("swagger-ui-bundle.js").doesNotContain("http://", "https://", "<script>");
    assertThat(anonymous().get("/docs/swagger-ui-bundle.js").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("Every operation is listed, and Try it out reads a model once a token is set through Authorize")
  void listsOperationsAndTriesOne() throws IOException {
    String id = newId("docs");
    register(id);

    driver.get(TestNodes.url(node) + "/docs");
    Set<String> documented = documentedOperations();
    wait.until(d -> d.findElements(By.cssSelector(".opblock")).size() >= documented.size());
    assertThat(driver.getTitle()).isEqualTo("Model Registry API");
    assertThat(browser.consoleErrors()).as("console errors after loading").isEmpty();
    assertThat(listedOperations()).isEqualTo(documented);

    WebElement getModel = driver.findElement(By.id("operations-models-getModel"));
    getModel.findElement(By.cssSelector(".opblock-summary-control")).click();
    // the button is rendered once the operation has expanded: wait for it by locator, not by an element looked up now
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#operations-models-getModel .try-out__btn")))
        .click();
    wait.until(ExpectedConditions.elementToBeClickable(
        By.cssSelector("#operations-models-getModel tr[data-param-name='id'] input"))).sendKeys(id);
    assertThat(execute(getModel)).isEqualTo("401");
    assertThat(browser.consoleErrors()).as("console errors after the call without a token")
        .allMatch(message -> message.contains("401"));

    authorize(TestTokens.forRoles("docs-reader", "reader"));
    assertThat(execute(getModel)).isEqualTo("200");
    assertThat(getModel.findElement(By.cssSelector(".live-responses-table .response .response-col_description")).getText())
        .contains("\"id\": \"" + id + "\"");
    assertThat(browser.consoleErrors()).as("console errors after the call with a token").isEmpty();

    driver.executeScript("arguments[0].scrollIntoView()", driver.findElement(By.cssSelector(".scheme-container")));
    Files.createDirectories(SCREENSHOT.getParent());
    Files.write(SCREENSHOT, driver.getScreenshotAs(OutputType.BYTES));
  }

  /** Clears the last response, clicks Execute and returns the status Swagger UI shows for the new one. */
  private static String execute(WebElement operation) {
    List<WebElement> clear = operation.findElements(By.cssSelector("button.btn-clear"));
    if (!clear.isEmpty()) {
      clear.get(0).click();
      wait.until(d -> operation.findElements(By.cssSelector(".live-responses-table")).isEmpty());
    }
    operation.findElement(By.cssSelector("button.execute")).click();
    return wait.until(d -> {
      List<WebElement> status = operation.findElements(By.cssSelector(".live-responses-table .response .response-col_status"));
      return status.isEmpty() || status.get(0).getText().isBlank() ? null : status.get(0).getText().trim();
    });
  }

  private static void authorize(String token) {
    driver.findElement(By.cssSelector(".scheme-container .btn.authorize")).click();
    WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux")));
    dialog.findElement(By.cssSelector("input[type='text'], input[type='password']")).sendKeys(token);
    dialog.findElement(By.cssSelector(".auth-btn-wrapper .btn.authorize")).click();
    wait.until(d -> !dialog.findElements(By.cssSelector(".auth-btn-wrapper .btn-done")).isEmpty());
    dialog.findElement(By.cssSelector(".auth-btn-wrapper .btn-done")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-ux")));
  }

  private static Set<String> listedOperations() {
    return driver.findElements(By.cssSelector(".opblock")).stream()
        .map(block -> block.findElement(By.cssSelector(".opblock-summary-method")).getText().toUpperCase(Locale.ROOT)
            + " " + block.findElement(By.cssSelector(".opblock-summary-path")).getAttribute("data-path"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @SuppressWarnings("unchecked")
  private static Set<String> documentedOperations() throws IOException {
    try (InputStream in = ApiDocsPageTest.class.getResourceAsStream("/openapi.yaml")) {
      Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(in)
          .get("paths");
      Set<String> operations = new TreeSet<>();
      paths.forEach((path, methods) -> methods.keySet().stream().filter(key -> !key.equals("parameters"))
          .forEach(method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path)));
      return operations;
    }
  }

  private static Http anonymous() {
    return new Http(TestNodes.url(node));
  }
}
