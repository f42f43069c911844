package io.krxtrader.observer;

import java.nio.file.Path;

/** A JSONL file to load, its record kind and its size when it was found. */
public record SourceFile(Path path, RecordKind kind, long size) {}
