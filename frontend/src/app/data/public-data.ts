import { Component, inject, signal } from '@angular/core';

import { problemMessage } from '../problem';
import { DataService } from './data.service';
import { Item } from './item';
import { ItemList } from './item-list';
import { Pager } from './pager';

@Component({
  selector: 'app-public-data',
  imports: [ItemList, Pager],
  templateUrl: './public-data.html',
})
export class PublicData {
  private readonly data = inject(DataService);
  protected readonly items = signal<Item[] | null>(null);
  protected readonly page = signal(0);
  protected readonly totalPages = signal(0);
  protected readonly error = signal<string | null>(null);

  constructor() {
    this.load(0);
  }

  protected load(page: number): void {
    this.data.publicItems(page).subscribe({
      next: (result) => {
        this.items.set(result.content);
        this.page.set(result.page.number);
        this.totalPages.set(result.page.totalPages);
        this.error.set(null);
      },
      error: (error: unknown) => this.error.set(problemMessage(error)),
    });
  }
}
