import { httpResource } from '@angular/common/http';
import { Component, computed, inject, linkedSignal, signal } from '@angular/core';

import { problemMessage } from '../core/problem';
import { DataService } from './data-service';
import { Item, Page } from './item';
import { ItemList } from './item-list';
import { Pager } from './pager';

@Component({
  selector: 'app-public-data',
  imports: [ItemList, Pager],
  templateUrl: './public-data.html',
})
export class PublicData {
  private readonly data = inject(DataService);
  /** The page asked for; the resource loads it whenever it changes. */
  private readonly page = signal(0);
  private readonly items = httpResource<Page<Item>>(() => this.data.publicItems(this.page()));

  /**
   * The last page that arrived. It stays on screen while the next one loads and when that one fails, so the
   * list does not blink away between pages and the pager is still there to try again.
   */
  protected readonly shown = linkedSignal<Page<Item> | undefined, Page<Item> | undefined>({
    source: () => (this.items.hasValue() ? this.items.value() : undefined),
    computation: (loaded, previous) => loaded ?? previous?.value,
  });
  protected readonly error = computed(() => {
    const error = this.items.error();
    return error ? problemMessage(error) : null;
  });

  protected load(page: number): void {
    if (page === this.page()) {
      // asking again for the page that just failed: the request is the same, so only a reload sends it
      this.items.reload();
    } else {
      this.page.set(page);
    }
  }
}
