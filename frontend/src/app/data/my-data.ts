import { Component, inject, signal } from '@angular/core';

import { AuthService } from '../auth/auth.service';
import { problemMessage } from '../problem';
import { DataService } from './data.service';
import { Item } from './item';
import { ItemList } from './item-list';

@Component({
  selector: 'app-my-data',
  imports: [ItemList],
  templateUrl: './my-data.html',
})
export class MyData {
  protected readonly username = inject(AuthService).username;
  protected readonly items = signal<Item[] | null>(null);
  protected readonly error = signal<string | null>(null);

  constructor() {
    inject(DataService)
      .myItems()
      .subscribe({
        next: (page) => this.items.set(page.content),
        error: (error: unknown) => this.error.set(problemMessage(error)),
      });
  }
}
