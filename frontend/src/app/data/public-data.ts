import { Component, inject, signal } from '@angular/core';

import { problemMessage } from '../problem';
import { DataService } from './data.service';
import { Item } from './item';
import { ItemList } from './item-list';

@Component({
  selector: 'app-public-data',
  imports: [ItemList],
  templateUrl: './public-data.html',
})
export class PublicData {
  protected readonly items = signal<Item[] | null>(null);
  protected readonly error = signal<string | null>(null);

  constructor() {
    inject(DataService)
      .publicItems()
      .subscribe({
        next: (page) => this.items.set(page.content),
        error: (error: unknown) => this.error.set(problemMessage(error)),
      });
  }
}
