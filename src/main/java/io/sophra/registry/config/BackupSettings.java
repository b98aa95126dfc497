package io.sophra.registry.config;

import java.util.List;

/**
 * Backup and restore ({@code GET /v1/export}, {@code POST /v1/import}).
 *
 * @param maxImportSize the largest import body in bytes; it is read as a stream, line by line, never
 *     whole, so this limit is apart from {@code MODEL_REGISTRY_MAX_BODY_SIZE}
 */
public record BackupSettings(int maxImportSize) {

  public static final Setting MAX_IMPORT_SIZE = new Setting("MODEL_REGISTRY_IMPORT_MAX_SIZE", "backup.maxImportSize",
      "largest `POST /v1/import` body in bytes (read line by line, never whole; an export of 5,000 models of 1 KB"
          + " is about 5 MB); larger gets 413");
  static final List<Setting> SETTINGS = List.of(MAX_IMPORT_SIZE);

  static BackupSettings read(SettingsSource source) {
    return new BackupSettings(source.integer(MAX_IMPORT_SIZE, 1024, Integer.MAX_VALUE));
  }
}
