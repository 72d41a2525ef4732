"""The heartbeat's per-process caches keep entries for the configured time, and stay bounded."""

import threading

from lms.learning.caches import SettingTTLCache


def test_an_entry_is_kept_while_the_setting_allows(settings):
    settings.LEARNING_LESSON_CACHE_SECONDS = 30
    cache = SettingTTLCache(setting="LEARNING_LESSON_CACHE_SECONDS", maxsize=8)
    cache.set(1, "lesson")
    assert cache.get(1) == "lesson"
    cache.pop(1)
    assert cache.get(1) is None


def test_a_changed_lifetime_applies_at_once(settings):
    settings.LEARNING_LESSON_CACHE_SECONDS = 30
    cache = SettingTTLCache(setting="LEARNING_LESSON_CACHE_SECONDS", maxsize=8)
    cache.set(1, "lesson")
    settings.LEARNING_LESSON_CACHE_SECONDS = 0
    assert cache.get(1) is None
    cache.set(1, "lesson")
    assert cache.get(1) is None  # a lifetime of 0 keeps nothing


def test_the_cache_never_holds_more_than_its_size(settings):
    settings.LEARNING_LESSON_CACHE_SECONDS = 30
    cache = SettingTTLCache(setting="LEARNING_LESSON_CACHE_SECONDS", maxsize=3)
    for key in range(10):
        cache.set(key, key)
    assert [cache.get(key) for key in range(10)].count(None) == 7
    assert cache.get(9) == 9


def test_threads_can_share_one_cache(settings):
    settings.LEARNING_LESSON_CACHE_SECONDS = 30
    cache = SettingTTLCache(setting="LEARNING_LESSON_CACHE_SECONDS", maxsize=50)
    failures = []

    def work(offset):
        try:
            for n in range(2000):
                cache.set((offset + n) % 200, n)
                cache.get((offset + n * 7) % 200)
                if n % 97 == 0:
                    cache.pop(n % 200)
        except Exception as error:  # noqa: BLE001 - any error in a thread is the failure
            failures.append(error)

    threads = [threading.Thread(target=work, args=(i * 13,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sum(cache.get(key) is not None for key in range(200)) <= 50
