package io.msenas.api.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the dashboard ({@code static/dashboard/}) at {@code /dashboard/}. Spring serves a folder's
 * {@code index.html} only at the root, so the folder's address forwards to it; the page's links are
 * relative ({@code dashboard.js}, {@code ../v1/}), so {@code /dashboard} redirects to the address
 * with the slash.
 */
@Configuration
class DashboardPage implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/dashboard", "/dashboard/");
    registry.addViewController("/dashboard/").setViewName("forward:/dashboard/index.html");
  }
}
