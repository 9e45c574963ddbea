package io.msenas.api.web;

import org.springframework.stereotype.Component;

/**
 * The tenant of the current request. Until authentication arrives every caller is the {@code
 * default} tenant; the data model and every query are tenant-scoped already, so adding API keys
 * changes only this class.
 */
@Component
public class Tenants {

  /** The tenant every request belongs to for now. */
  public static final String DEFAULT = "default";

  public String current() {
    return DEFAULT;
  }
}
