import { Component, OnInit, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';

import { Item, ItemFields } from './item';

/** Fields of a new or an existing item. The server checks the same limits; these only help early. */
@Component({
  selector: 'app-item-form',
  imports: [FormsModule],
  templateUrl: './item-form.html',
})
export class ItemForm implements OnInit {
  readonly item = input<Item | null>(null);
  readonly busy = input(false);
  readonly saved = output<ItemFields>();
  readonly cancelled = output<void>();

  protected title = '';
  protected body = '';
  protected visibility: 'private' | 'public' = 'private';

  ngOnInit(): void {
    const item = this.item();
    if (item) {
      this.title = item.title;
      this.body = item.body;
      this.visibility = item.visibility;
    }
  }

  protected submit(): void {
    this.saved.emit({ title: this.title.trim(), body: this.body, visibility: this.visibility });
  }
}
