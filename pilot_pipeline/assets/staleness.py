"""Is an asset up to date? The question Dagster's UI answers as "Unsynced", asked through
public APIs: the latest materialization's tags and the event log's records.

Dagster tags every materialization with the code version it ran (`dagster/code_version`, the
run id when the asset declares none), its data version, and per input the data version and
event-log storage id of the input's latest materialization when it ran
(`dagster/input_data_version/<key>`, `dagster/input_event_pointer/<key>`). An asset (partition)
is up to date when it has been built, its code version is the one it was built with, it has
the same inputs, and every input partition it reads still has the data version it was built
from. As in Dagster, a stale input does not make its unchanged children stale: only a rebuilt
one with a new data version does.

One deliberate difference: an input that had never been built when the asset was (its event
pointer is `NULL`) and has been since counts as changed; Dagster's resolver misses that case.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import dagster as dg

CODE_VERSION_TAG = "dagster/code_version"
DATA_VERSION_TAG = "dagster/data_version"
INPUT_VERSION_PREFIX = "dagster/input_data_version/"
INPUT_POINTER_PREFIX = "dagster/input_event_pointer/"
NEVER_BUILT_POINTER = "NULL"
# What Dagster records for an input without a data version, and reads for one never built.
ASSUMED_VERSION = "INITIAL"
NO_VERSION = "NULL"
NEVER_BUILT = "has never been built"


@dataclass(frozen=True)
class Cause:
    """One reason an asset (partition) is not up to date: `key` is the asset it is about."""

    key: dg.AssetKey
    reason: str

    def __str__(self) -> str:
        return f"{self.key.to_user_string()} {self.reason}"


@dataclass
class EventLog:
    """The event-log lookups of one staleness question, each asked once."""

    instance: dg.DagsterInstance
    _latest: dict[tuple, dg.EventLogRecord | None] = field(default_factory=dict)
    _last_ids: dict[dg.AssetKey, int | None] = field(default_factory=dict)

    def latest(
        self,
        key: dg.AssetKey,
        partition: str | None,
        after: int | None = None,
        before: int | None = None,
    ) -> dg.EventLogRecord | None:
        """The latest materialization of `key` (`partition`), optionally between storage ids."""
        lookup = (key, partition, after, before)
        if lookup not in self._latest:
            records = self.instance.fetch_materializations(
                dg.AssetRecordsFilter(
                    asset_key=key,
                    asset_partitions=[partition] if partition is not None else None,
                    after_storage_id=after,
                    before_storage_id=before,
                ),
                limit=1,
            ).records
            self._latest[lookup] = records[0] if records else None
        return self._latest[lookup]

    def last_storage_id(self, key: dg.AssetKey) -> int | None:
        """The storage id of `key`'s latest materialization, any partition (one cheap query that
        spares a query per partition when nothing was built since)."""
        if key not in self._last_ids:
            records = self.instance.get_asset_records([key])
            entry = records[0].asset_entry if records else None
            last = entry.last_materialization_record if entry else None
            self._last_ids[key] = last.storage_id if last else None
        return self._last_ids[key]


def _tags(record: dg.EventLogRecord | None) -> Mapping[str, str]:
    materialization = record.asset_materialization if record else None
    return (materialization.tags or {}) if materialization else {}


def data_version(record: dg.EventLogRecord | None) -> str:
    if record is None:
        return NO_VERSION
    return _tags(record).get(DATA_VERSION_TAG, ASSUMED_VERSION)


def _versions_differ(before: str | None, now: str | None) -> bool:
    # Recorded as "assumed to exist" and still never built: the same thing, not a change.
    return not (before == ASSUMED_VERSION and now == NO_VERSION) and before != now


def _by_input(tags: Mapping[str, str], prefix: str) -> dict[dg.AssetKey, str]:
    return {
        dg.AssetKey.from_user_string(tag[len(prefix) :]): value
        for tag, value in tags.items()
        if tag.startswith(prefix)
    }


def input_partitions(
    graph: Any, key: dg.AssetKey, partition: str | None, parent: dg.AssetKey
) -> Sequence[str | None]:
    """The partitions of `parent` that `key` (`partition`) reads, by Dagster's default
    partition mappings (the only ones this project uses): none for an unpartitioned parent,
    the same school year for a partitioned child, every year for an unpartitioned child."""
    parents = graph.get(parent).partitions_def
    if parents is None:
        return [None]
    keys = list(parents.get_partition_keys())
    return [partition] if partition in keys else keys


def _input_changed(
    log: EventLog, parent: dg.AssetKey, partition: str | None, built: str, pointer: str
) -> bool:
    """Whether `parent` (`partition`) has a new data version since the child was built, when
    the child recorded data version `built` and event pointer `pointer` for it."""
    if partition is None:
        return _versions_differ(built, data_version(log.latest(parent, None)))
    cursor = None if pointer == NEVER_BUILT_POINTER else int(pointer)
    last = log.last_storage_id(parent)
    if last is None or (cursor is not None and last <= cursor):
        return False  # nothing of `parent` built since
    rebuilt = log.latest(parent, partition, after=cursor)
    if rebuilt is None:
        return False
    if cursor is None:
        return True  # an input first built after the child was
    previous = log.latest(parent, partition, before=cursor + 1)
    return _versions_differ(data_version(previous) if previous else None, data_version(rebuilt))


def _input_causes(
    log: EventLog, graph: Any, key: dg.AssetKey, partition: str | None, tags: Mapping[str, str]
) -> Iterator[Cause]:
    versions = _by_input(tags, INPUT_VERSION_PREFIX)
    pointers = _by_input(tags, INPUT_POINTER_PREFIX)
    parents = set(graph.get(key).parent_keys)
    for removed in sorted(set(versions) - parents, key=str):
        yield Cause(key, f"removed dependency on {removed.to_user_string()}")
    for parent in sorted(parents, key=str):
        if parent not in versions or parent not in pointers:
            yield Cause(key, f"has a new dependency on {parent.to_user_string()}")
            continue
        for part in input_partitions(graph, key, partition, parent):
            if _input_changed(log, parent, part, versions[parent], pointers[parent]):
                yield Cause(parent, "has a new data version")
                break  # one changed year says enough about this input


def _causes_without_provenance(
    log: EventLog, graph: Any, key: dg.AssetKey, partition: str | None, built_at: float
) -> Iterator[Cause]:
    """A materialization reported without Dagster's tags: compare build times instead."""
    for parent in sorted(graph.get(key).parent_keys, key=str):
        for part in input_partitions(graph, key, partition, parent):
            record = log.latest(parent, part)
            if record is None or record.timestamp > built_at:
                yield Cause(parent, "has a new materialization")
                break


def stale_causes(
    instance: dg.DagsterInstance, graph: Any, key: dg.AssetKey, partition: str | None
) -> list[Cause]:
    """Why `key` (`partition`) is not up to date; empty when it is.

    `graph` is the run's asset graph (`job_def.asset_layer.asset_graph`): its nodes say each
    asset's code version, inputs and partitions."""
    node = graph.get(key)
    if node.is_partitioned and partition is None:
        return []  # no single partition to judge, as in Dagster
    log = EventLog(instance)
    record = log.latest(key, partition)
    if record is None:
        return [Cause(key, NEVER_BUILT)]
    tags = _tags(record)
    if CODE_VERSION_TAG not in tags:
        return list(_causes_without_provenance(log, graph, key, partition, record.timestamp))
    causes = []
    if node.code_version and node.code_version != tags[CODE_VERSION_TAG]:
        causes.append(Cause(key, "has a new code version"))
    causes.extend(_input_causes(log, graph, key, partition, tags))
    return causes
