import { DatePipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { Observable } from 'rxjs';

import { AuthService } from '../core/auth-service';
import { problemMessage } from '../core/problem';
import { DataService } from './data-service';
import { Item, ItemFields } from './item';
import { ItemForm } from './item-form';
import { Pager } from './pager';

@Component({
  selector: 'app-my-data',
  imports: [DatePipe, ItemForm, Pager],
  templateUrl: './my-data.html',
})
export class MyData {
  private readonly data = inject(DataService);
  protected readonly username = inject(AuthService).username;
  protected readonly items = signal<Item[] | null>(null);
  protected readonly page = signal(0);
  protected readonly totalPages = signal(0);
  protected readonly editing = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Bumped after each save, so the "new item" form starts empty again. */
  protected readonly formKey = signal(0);

  constructor() {
    this.load(0);
  }

  protected load(page: number): void {
    this.data.myItems(page).subscribe({
      next: (result) => {
        if (result.content.length === 0 && page > 0) {
          this.load(page - 1);
          return;
        }
        this.items.set(result.content);
        this.page.set(result.page.number);
        this.totalPages.set(result.page.totalPages);
      },
      error: (error: unknown) => this.error.set(problemMessage(error)),
    });
  }

  protected create(fields: ItemFields): void {
    this.run(this.data.create(fields), () => {
      this.formKey.update((key) => key + 1);
      this.load(0);
    });
  }

  protected update(item: Item, fields: ItemFields): void {
    this.run(this.data.update(item, fields), () => {
      this.editing.set(null);
      this.load(this.page());
    });
  }

  protected remove(item: Item): void {
    if (confirm(`Delete "${item.title}"?`)) {
      this.run(this.data.delete(item), () => this.load(this.page()));
    }
  }

  private run<T>(request: Observable<T>, done: () => void): void {
    this.busy.set(true);
    this.error.set(null);
    request.subscribe({
      next: () => {
        this.busy.set(false);
        done();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(problemMessage(error));
      },
    });
  }
}
